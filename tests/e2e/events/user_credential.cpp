#include "user_credential.hpp"

#include "certs/issue_certificate.hpp"
#include "test_ua.hpp"

namespace credsvc::testing::events {

std::string UserCredential::certificate_der() const {
  const auto der = certificate.to_der();
  return std::string(der.begin(), der.end());
}

std::string UserCredential::key_der() const {
  const auto der = key.to_pkcs8_der();
  return std::string(der.begin(), der.end());
}

std::string UserCredential::encrypted_key_der(const std::string& passphrase) const {
  // Few PBKDF2 rounds: the server never decrypts it, and tests stay quick.
  const auto der = key.to_encrypted_pkcs8_der(passphrase, 1000);
  return std::string(der.begin(), der.end());
}

UserCredential make_credential(const std::string& aor, const CredentialSpec& spec) {
  auto key = spec.key ? *spec.key : certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  const auto now = std::chrono::system_clock::now();
  certs::IssueRequest request;
  request.common_name = aor;
  request.san_uris = spec.san_uris.empty() ? std::vector<std::string>{"sip:" + aor} : spec.san_uris;
  request.is_ca = spec.is_ca;
  request.not_before = now + spec.not_before_offset;
  request.not_after = now + spec.lifetime;
  auto cert = certs::issue_certificate(request, key, nullptr, key);
  return UserCredential{std::move(key), std::move(cert)};
}

PublicationBody certificate_body(const std::string& certificate_der) {
  return PublicationBody{"application/pkix-cert", certificate_der};
}

PublicationBody credential_body(const std::string& certificate_der, const std::string& pkcs8_der) {
  // Written by hand rather than with sip::build_multipart, so the server's
  // parser meets a body it did not make. A random boundary never occurs in DER
  // by chance at this length.
  const std::string boundary = unique_token("credsvc-e2e-boundary-") + "-7d1f0c93a8b4e2";
  std::string body;
  body += "--" + boundary + "\r\nContent-Type: application/pkix-cert\r\nContent-Transfer-Encoding: binary\r\n\r\n";
  body += certificate_der;
  body += "\r\n--" + boundary + "\r\nContent-Type: application/pkcs8\r\nContent-Transfer-Encoding: binary\r\n\r\n";
  body += pkcs8_der;
  body += "\r\n--" + boundary + "--\r\n";
  return PublicationBody{"multipart/mixed;boundary=" + boundary, body};
}

}  // namespace credsvc::testing::events
