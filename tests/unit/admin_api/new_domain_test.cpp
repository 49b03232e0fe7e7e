// http::domain_record: what `credsvc admin domain add` and POST
// /api/v1/domains store — given pairs win, the test CA fills in the rest,
// and without one a missing pair is refused.
#include <gtest/gtest.h>

#include "http/new_domain.hpp"
#include "test_certificates.hpp"

namespace credsvc::testing::admin {
namespace {

db::PemPair pair_for(const certs::PrivateKey& key, certs::CertifiedKeyUse use) {
  const auto leaf = issue_leaf("example.test", key);
  return http::checked_pem_pair(leaf.chain_pem, leaf.key_pem, use);
}

db::Domain from_test_ca(const std::string& name) {
  db::Domain d;
  d.name = name;
  d.tls = db::PemPair{"test-ca tls chain", "test-ca tls key"};
  d.identity = db::PemPair{"test-ca identity chain", "test-ca identity key"};
  return d;
}

TEST(NewDomain, GivenPairsNeedNoTestCa) {
  const auto tls = pair_for(p256_key(), certs::CertifiedKeyUse::tls);
  const auto identity = pair_for(rsa2048_key(), certs::CertifiedKeyUse::identity);
  const auto d = http::domain_record({"example.test", "", tls, identity}, nullptr);
  EXPECT_EQ(d.name, "example.test");
  EXPECT_EQ(d.realm, "example.test");  // the name when none is given
  EXPECT_EQ(d.tls, tls);
  EXPECT_EQ(d.identity, identity);
}

TEST(NewDomain, TheTestCaIssuesOnlyWhatIsMissing) {
  const auto tls = pair_for(p256_key(), certs::CertifiedKeyUse::tls);
  int issued = 0;
  const auto d = http::domain_record({"example.test", "Example realm", tls, std::nullopt},
                                     [&](const std::string& name) {
                                       ++issued;
                                       return from_test_ca(name);
                                     });
  EXPECT_EQ(issued, 1);
  EXPECT_EQ(d.realm, "Example realm");
  EXPECT_EQ(d.tls, tls);
  ASSERT_TRUE(d.identity);
  EXPECT_EQ(d.identity->chain_pem, "test-ca identity chain");
}

TEST(NewDomain, AMissingPairWithoutTestCaIsRefused) {
  const auto tls = pair_for(p256_key(), certs::CertifiedKeyUse::tls);
  EXPECT_THROW(http::domain_record({"example.test", "", tls, std::nullopt}, nullptr), http::TestCaUnavailable);
  EXPECT_THROW(http::domain_record({"example.test", "", std::nullopt, std::nullopt}, nullptr),
               http::TestCaUnavailable);
}

TEST(NewDomain, CheckedPairsAreCheckedForTheirUse) {
  const auto ec = issue_leaf("example.test", p256_key());
  EXPECT_THROW(http::checked_pem_pair(ec.chain_pem, ec.key_pem, certs::CertifiedKeyUse::identity),
               certs::CertifiedKeyError);
  EXPECT_THROW(http::checked_pem_pair(ec.chain_pem, other_p256_key().to_pkcs8_pem(), certs::CertifiedKeyUse::tls),
               certs::CertifiedKeyError);
}

}  // namespace
}  // namespace credsvc::testing::admin
