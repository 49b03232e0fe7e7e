#include "auth/ha1_set.hpp"

#include "auth/digest_algorithm.hpp"

namespace credsvc::auth {

Ha1Set compute_ha1_set(std::string_view username, std::string_view realm, std::string_view password) {
  return Ha1Set{compute_ha1(DigestAlgorithm::md5, username, realm, password),
                compute_ha1(DigestAlgorithm::sha256, username, realm, password),
                compute_ha1(DigestAlgorithm::sha512_256, username, realm, password)};
}

}  // namespace credsvc::auth
