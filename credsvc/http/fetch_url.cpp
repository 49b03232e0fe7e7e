#include "http/fetch_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <algorithm>
#include <cctype>

#include "http/fetch_error.hpp"

namespace credsvc::http {

std::variant<FetchUrl, std::error_code> parse_fetch_url(std::string_view text) {
  const auto parsed = boost::urls::parse_uri(boost::core::string_view(text.data(), text.size()));
  if (!parsed) return make_error_code(FetchError::bad_url);
  const boost::urls::url_view url = *parsed;
  if (url.scheme_id() != boost::urls::scheme::https) return make_error_code(FetchError::not_https);
  if (!url.has_authority() || url.has_userinfo()) return make_error_code(FetchError::bad_url);

  FetchUrl out;
  switch (url.host_type()) {
    case boost::urls::host_type::name: {
      out.host = url.host();  // percent-decoded
      // Only what a DNS name can hold reaches the resolver and SNI.
      const bool dns_like = std::all_of(out.host.begin(), out.host.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_';
      });
      if (!dns_like) return make_error_code(FetchError::bad_url);
      break;
    }
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6:
      out.host = url.host_address();
      out.host_is_address = true;
      break;
    default:
      return make_error_code(FetchError::bad_url);
  }
  if (out.host.empty()) return make_error_code(FetchError::bad_url);
  std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (url.has_port()) {
    if (url.port_number() == 0) return make_error_code(FetchError::bad_url);
    out.port = url.port_number();
  }
  out.target = url.encoded_path().empty() ? std::string("/") : std::string(url.encoded_path());
  if (url.has_query()) out.target += "?" + std::string(url.encoded_query());

  const std::string authority_host = url.host_type() == boost::urls::host_type::ipv6 ? "[" + out.host + "]" : out.host;
  out.host_header = authority_host + (out.port != 443 ? ":" + std::to_string(out.port) : "");
  out.key = "https://" + authority_host + ":" + std::to_string(out.port) + out.target;
  return out;
}

}  // namespace credsvc::http
