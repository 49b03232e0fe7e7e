// What `fetch --credential` writes for a received PKCS#8 part
// (ua::received_key_pem): decrypted with the passphrase, checked against the
// certificate, refused when it cannot be.
#include <gtest/gtest.h>

#include "certs/pkcs8_key.hpp"
#include "ua/received_key.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua {
namespace {

class ReceivedKey : public ::testing::Test {
 protected:
  certs::Certificate cert_ = test::user_cert({"sip:alice@example.test"});
};

TEST_F(ReceivedKey, PlainKeyIsWrittenAsPkcs8Pem) {
  const auto out = received_key_pem(test::user_key().to_pkcs8_der(), cert_, std::nullopt, false);
  EXPECT_FALSE(out.encrypted);
  EXPECT_EQ(out.pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  EXPECT_TRUE(certs::PrivateKey::from_pkcs8_pem(out.pem).matches(cert_));
}

TEST_F(ReceivedKey, EncryptedKeyIsDecryptedWithThePassphrase) {
  const auto der = test::user_key().to_encrypted_pkcs8_der("s3cret", 1000);
  const auto out = received_key_pem(der, cert_, std::string("s3cret"), false);
  EXPECT_FALSE(out.encrypted);
  EXPECT_EQ(certs::PrivateKey::from_pkcs8_pem(out.pem).spki_fingerprint_sha256(),
            test::user_key().spki_fingerprint_sha256());
}

TEST_F(ReceivedKey, EncryptedKeyWithoutPassphraseIsRefusedUnlessKeptEncrypted) {
  const auto der = test::user_key().to_encrypted_pkcs8_der("s3cret", 1000);
  try {
    received_key_pem(der, cert_, std::nullopt, false);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--passphrase-stdin"), std::string::npos) << e.what();
  }
  const auto kept = received_key_pem(der, cert_, std::nullopt, true);
  EXPECT_TRUE(kept.encrypted);
  EXPECT_EQ(kept.pem.rfind("-----BEGIN ENCRYPTED PRIVATE KEY-----", 0), 0u);
  // The PEM is the received DER, still readable with the passphrase.
  EXPECT_TRUE(certs::PrivateKey::from_pkcs8_pem(kept.pem, std::string_view("s3cret")).matches(cert_));
}

TEST_F(ReceivedKey, WrongPassphraseIsNamedWithoutTheSecret) {
  const auto der = test::user_key().to_encrypted_pkcs8_der("s3cret", 1000);
  try {
    received_key_pem(der, cert_, std::string("guess-me-not"), false);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("wrong passphrase"), std::string::npos) << what;
    EXPECT_EQ(what.find("guess-me-not"), std::string::npos) << what;
  }
}

TEST_F(ReceivedKey, KeyOfAnotherCertificateIsRefused) {
  const auto other = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  EXPECT_THROW(received_key_pem(other.to_pkcs8_der(), cert_, std::nullopt, false), std::runtime_error);
}

TEST_F(ReceivedKey, GarbageIsNotPkcs8) {
  EXPECT_THROW(received_key_pem(certs::Bytes{1, 2, 3}, cert_, std::nullopt, false), std::runtime_error);
}

}  // namespace
}  // namespace credsvc::ua
