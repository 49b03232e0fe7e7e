#include "http/user_password.hpp"

#include <algorithm>

#include "auth/ha1_set.hpp"

namespace credsvc::http {

db::DigestHa1 password_hashes(const std::string& aor, const std::string& realm, std::string& password) {
  auto ha1 = auth::compute_ha1_set(std::string_view(aor).substr(0, aor.find('@')), realm, password);
  std::fill(password.begin(), password.end(), '\0');
  return db::DigestHa1{std::move(ha1.md5), std::move(ha1.sha256), std::move(ha1.sha512_256)};
}

}  // namespace credsvc::http
