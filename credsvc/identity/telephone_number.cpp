#include "identity/telephone_number.hpp"

namespace credsvc::identity {

bool is_canonical_tn(std::string_view text) noexcept {
  if (text.empty() || text.size() > 15) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> canonical_tn(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
      return std::nullopt;
    }
    if (out.size() > 15) return std::nullopt;
  }
  if (!is_canonical_tn(out)) return std::nullopt;
  return out;
}

std::optional<std::string> telephone_number_of(const sip::Uri& uri) {
  if (uri.scheme == sip::UriScheme::Tel) {
    std::string_view n = uri.number;
    n = n.substr(0, n.find(';'));
    return canonical_tn(n);
  }
  if (!uri.is_sip() || !uri.user) return std::nullopt;
  std::string_view user = *uri.user;
  user = user.substr(0, user.find(';'));
  return canonical_tn(user);
}

}  // namespace credsvc::identity
