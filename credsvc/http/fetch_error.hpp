// Why a certificate fetch failed, as std::error_code. Failures of our own
// checks use the "credsvc.fetch" category; an HTTP status other than 200 uses
// "credsvc.fetch.http_status" with the status as the value, so the message
// names it ("server answered 404 Not Found"). Network errors (refused,
// unreachable, name not found) keep their system or resolver codes.
#pragma once

#include <optional>
#include <system_error>

namespace credsvc::http {

enum class FetchError {
  bad_url = 1,                // not an absolute URL, or userinfo / no host
  not_https,                  // only https URLs are fetched
  host_not_allowed,           // the host is not on the allow-list
  timeout,                    // no complete response within the time limit
  tls_failed,                 // TLS handshake failed for another reason
  untrusted_certificate,      // the server certificate does not chain to a trust anchor
  certificate_name_mismatch,  // the server certificate does not name the host
  too_large,                  // the response passed the size limit
  bad_response,               // not a valid HTTP/1.1 response
  http_status,                // the condition every http_status_category code maps to
  bad_certificate,            // the body is not a DER certificate or a PEM chain
};

const std::error_category& fetch_category() noexcept;
const std::error_category& http_status_category() noexcept;

std::error_code make_error_code(FetchError e) noexcept;
std::error_code make_http_status_error(unsigned status) noexcept;
// The HTTP status carried by `ec`, when it is an http_status_category code.
std::optional<unsigned> http_status_of(const std::error_code& ec) noexcept;

}  // namespace credsvc::http

template <>
struct std::is_error_code_enum<credsvc::http::FetchError> : std::true_type {};
