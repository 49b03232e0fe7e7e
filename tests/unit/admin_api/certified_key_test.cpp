// certs::check_certified_key: what `credsvc admin domain add` and POST
// /api/v1/domains accept as a domain's TLS or identity certificate and key.
#include <gtest/gtest.h>

#include "certs/certified_key.hpp"
#include "test_certificates.hpp"

namespace credsvc::testing::admin {
namespace {

using certs::CertifiedKeyFault;
using certs::CertifiedKeyUse;

CertifiedKeyFault fault_of(const std::string& chain, const std::string& key, CertifiedKeyUse use) {
  try {
    certs::check_certified_key(chain, key, use);
  } catch (const certs::CertifiedKeyError& e) {
    EXPECT_EQ(std::string(e.what()).find("PRIVATE KEY"), std::string::npos) << "never quotes the key: " << e.what();
    return e.fault();
  }
  ADD_FAILURE() << "accepted";
  return CertifiedKeyFault::certificate;
}

TEST(CertifiedKey, AMatchingPairIsNormalised) {
  const auto leaf = issue_leaf("example.test", p256_key());
  const auto checked =
      certs::check_certified_key("garbage before\n" + leaf.chain_pem + "trailing text\n", leaf.key_pem, CertifiedKeyUse::tls);
  EXPECT_EQ(checked.chain_pem, leaf.chain_pem);  // the two certificates only, leaf first
  EXPECT_EQ(certs::Certificate::chain_from_pem(checked.chain_pem).size(), 2u);
  EXPECT_TRUE(certs::PrivateKey::from_pkcs8_pem(checked.key_pem).matches(leaf.cert));
}

TEST(CertifiedKey, EachFaultIsNamed) {
  const auto leaf = issue_leaf("example.test", p256_key());
  EXPECT_EQ(fault_of("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", leaf.key_pem,
                     CertifiedKeyUse::tls),
            CertifiedKeyFault::certificate);
  EXPECT_EQ(fault_of("", leaf.key_pem, CertifiedKeyUse::tls), CertifiedKeyFault::certificate);
  EXPECT_EQ(fault_of(leaf.chain_pem, "not a key", CertifiedKeyUse::tls), CertifiedKeyFault::key);
  EXPECT_EQ(fault_of(leaf.chain_pem, other_p256_key().to_pkcs8_pem(), CertifiedKeyUse::tls),
            CertifiedKeyFault::mismatch);
  // An encrypted key cannot be used by the server.
  EXPECT_EQ(fault_of(leaf.chain_pem, p256_key().to_encrypted_pkcs8_pem("pw", 1000), CertifiedKeyUse::tls),
            CertifiedKeyFault::key);
}

TEST(CertifiedKey, IdentityKeysMustSignRsaSha256) {
  const auto ec = issue_leaf("example.test", p256_key());
  EXPECT_EQ(fault_of(ec.chain_pem, ec.key_pem, CertifiedKeyUse::identity), CertifiedKeyFault::identity_key);
  const auto weak = issue_leaf("example.test", rsa1024_key());
  EXPECT_EQ(fault_of(weak.chain_pem, weak.key_pem, CertifiedKeyUse::identity), CertifiedKeyFault::identity_key);
  const auto rsa = issue_leaf("example.test", rsa2048_key());
  EXPECT_NO_THROW(certs::check_certified_key(rsa.chain_pem, rsa.key_pem, CertifiedKeyUse::identity));
  // The same EC pair is fine for TLS.
  EXPECT_NO_THROW(certs::check_certified_key(ec.chain_pem, ec.key_pem, CertifiedKeyUse::tls));
}

}  // namespace
}  // namespace credsvc::testing::admin
