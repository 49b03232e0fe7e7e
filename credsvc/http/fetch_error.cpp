#include "http/fetch_error.hpp"

#include <ostream>  // boost/core/detail/string_view.hpp needs it first

#include <boost/beast/http/status.hpp>
#include <string>

namespace credsvc::http {

namespace {

class FetchCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "credsvc.fetch"; }
  std::string message(int value) const override {
    switch (static_cast<FetchError>(value)) {
      case FetchError::bad_url:
        return "certificate URL is not a valid absolute URL with a host";
      case FetchError::not_https:
        return "certificate URL is not https (only https is fetched)";
      case FetchError::host_not_allowed:
        return "certificate URL host is not on the allow-list";
      case FetchError::timeout:
        return "certificate fetch timed out";
      case FetchError::tls_failed:
        return "TLS handshake with the certificate server failed";
      case FetchError::untrusted_certificate:
        return "certificate server's TLS certificate is not trusted";
      case FetchError::certificate_name_mismatch:
        return "certificate server's TLS certificate does not name the host";
      case FetchError::too_large:
        return "certificate response exceeds the size limit";
      case FetchError::bad_response:
        return "certificate server sent an invalid HTTP response";
      case FetchError::http_status:
        return "certificate server answered with a status other than 200";
      case FetchError::bad_certificate:
        return "certificate response is not a DER certificate or a PEM certificate chain";
    }
    return "unknown certificate fetch error " + std::to_string(value);
  }
};

class HttpStatusCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "credsvc.fetch.http_status"; }
  std::string message(int value) const override {
    const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(value));
    return "certificate server answered " + std::to_string(value) + " " + std::string(reason.data(), reason.size());
  }
  std::error_condition default_error_condition(int) const noexcept override {
    return {static_cast<int>(FetchError::http_status), fetch_category()};
  }
};

}  // namespace

const std::error_category& fetch_category() noexcept {
  static const FetchCategory category;
  return category;
}

const std::error_category& http_status_category() noexcept {
  static const HttpStatusCategory category;
  return category;
}

std::error_code make_error_code(FetchError e) noexcept { return {static_cast<int>(e), fetch_category()}; }

std::error_code make_http_status_error(unsigned status) noexcept {
  return {static_cast<int>(status), http_status_category()};
}

std::optional<unsigned> http_status_of(const std::error_code& ec) noexcept {
  if (ec.category() != http_status_category()) return std::nullopt;
  return static_cast<unsigned>(ec.value());
}

}  // namespace credsvc::http
