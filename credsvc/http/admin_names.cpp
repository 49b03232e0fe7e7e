#include "http/admin_names.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "certs/aor.hpp"
#include "certs/error.hpp"

namespace credsvc::http {

std::string admin_aor(std::string_view text) {
  try {
    return certs::canonical_aor(text);
  } catch (const certs::Error&) {
    throw std::invalid_argument("'" + std::string(text) + "' is not an address-of-record (user@domain)");
  }
}

std::string normalise_domain_name(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool valid = !out.empty() && out.size() <= 253 && out.front() != '.' && out.back() != '.' &&
                     out.front() != '-' && out.find("..") == std::string::npos &&
                     std::all_of(out.begin(), out.end(), [](unsigned char c) {
                       return std::isalnum(c) != 0 || c == '-' || c == '.';
                     });
  if (!valid) throw std::invalid_argument("'" + std::string(name) + "' is not a valid domain name");
  return out;
}

}  // namespace credsvc::http
