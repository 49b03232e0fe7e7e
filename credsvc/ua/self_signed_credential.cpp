#include "ua/self_signed_credential.hpp"

#include <openssl/rand.h>

#include <cstdint>
#include <stdexcept>

#include "certs/issue_certificate.hpp"
#include "ua/aor_parts.hpp"

namespace credsvc::ua {

GeneratedKeyType parse_generated_key_type(const std::string& text) {
  if (text == "p256") return GeneratedKeyType::p256;
  if (text == "rsa2048") return GeneratedKeyType::rsa2048;
  throw std::invalid_argument("key type '" + text + "' is not p256 or rsa2048");
}

SelfSignedCredential generate_self_signed(const SelfSignedRequest& request) {
  if (request.jitter < std::chrono::seconds(0) || request.jitter > kMaxJitter) {
    throw std::invalid_argument("validity jitter must be 0 to 30 days");
  }
  const std::string aor = parse_aor(request.aor).canonical;
  certs::PrivateKey key = certs::PrivateKey::generate(
      request.key_type == GeneratedKeyType::rsa2048 ? certs::KeyAlgorithm::rsa2048 : certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest issue;
  issue.common_name = aor;
  issue.san_uris = {"sip:" + aor};  // §10.6: the SIP URL of the user's AOR
  issue.is_ca = false;
  issue.not_before = request.now - kBackdate;
  issue.not_after = issue.not_before + kMaxValidity - request.jitter;
  // Self-signed: §10.6 "the Issuers SHOULD be the same as the subject".
  certs::Certificate cert = certs::issue_certificate(issue, key, nullptr, key);
  return SelfSignedCredential{std::move(key), std::move(cert)};
}

std::chrono::seconds random_validity_jitter() {
  std::uint64_t r = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&r), sizeof r) != 1) {
    throw std::runtime_error("random number generator failed");
  }
  // The modulo bias of 2^64 mod 2592001 is negligible here.
  return std::chrono::seconds(static_cast<std::int64_t>(r % (static_cast<std::uint64_t>(kMaxJitter.count()) + 1)));
}

}  // namespace credsvc::ua
