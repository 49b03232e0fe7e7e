// RFC 6072 §10.6 generation (ua::generate_self_signed): SAN URI of the AOR,
// CA:FALSE, self-signed, validity at most one year minus the jitter.
#include <gtest/gtest.h>

#include <set>

#include "certs/chain_verification.hpp"
#include "certs/publication_check.hpp"
#include "ua/self_signed_credential.hpp"

namespace credsvc::ua {
namespace {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

SelfSignedRequest request(GeneratedKeyType type, std::chrono::seconds jitter) {
  SelfSignedRequest r;
  r.aor = "sip:Alice@Example.TEST";
  r.key_type = type;
  r.now = Clock::now();
  r.jitter = jitter;
  return r;
}

TEST(SelfSignedCredential, P256CertificateFollowsSection10_6) {
  const auto r = request(GeneratedKeyType::p256, 72h);
  const auto made = generate_self_signed(r);
  const certs::Certificate& c = made.certificate;
  EXPECT_EQ(c.san_uris(), std::vector<std::string>{"sip:Alice@example.test"});
  const auto bc = c.basic_constraints();
  EXPECT_TRUE(bc.present);
  EXPECT_FALSE(bc.ca);
  EXPECT_EQ(c.subject(), c.issuer());
  EXPECT_EQ(c.key_info().type, certs::KeyType::ec);
  EXPECT_EQ(c.key_info().curve, "P-256");
  EXPECT_TRUE(made.key.matches(c));
  // Its own signature verifies: it is its own anchor.
  const std::vector<certs::Certificate> self{c};
  EXPECT_TRUE(certs::verify_chain(c, {}, self, r.now).ok());
  // What the server checks before accepting the PUBLISH (§8.10).
  const auto verdict = certs::check_publication(c, "sip:Alice@example.test", r.now, &made.key);
  EXPECT_TRUE(verdict.ok()) << verdict.reason;
}

TEST(SelfSignedCredential, ValidityIsOneYearMinusTheJitter) {
  const auto r = request(GeneratedKeyType::p256, 10 * 24h + 17s);
  const auto c = generate_self_signed(r).certificate;
  // X.509 times have whole seconds.
  const auto not_before = std::chrono::time_point_cast<std::chrono::seconds>(r.now - kBackdate);
  EXPECT_LE(std::chrono::abs(c.not_before() - not_before), 1s);
  EXPECT_EQ(c.not_after() - c.not_before(), kMaxValidity - r.jitter);
  EXPECT_LE(c.not_after() - c.not_before(), 365 * 24h);
  EXPECT_LE(c.not_before(), r.now);
}

TEST(SelfSignedCredential, Rsa2048OnRequest) {
  const auto made = generate_self_signed(request(GeneratedKeyType::rsa2048, 0s));
  EXPECT_EQ(made.certificate.key_info().type, certs::KeyType::rsa);
  EXPECT_EQ(made.certificate.key_info().bits, 2048);
  EXPECT_EQ(made.certificate.not_after() - made.certificate.not_before(), kMaxValidity);
}

TEST(SelfSignedCredential, EachCallMakesAFreshKey) {
  const auto a = generate_self_signed(request(GeneratedKeyType::p256, 0s));
  const auto b = generate_self_signed(request(GeneratedKeyType::p256, 0s));
  EXPECT_NE(a.key.spki_fingerprint_sha256(), b.key.spki_fingerprint_sha256());
}

TEST(SelfSignedCredential, JitterOutOfRangeOrBadAorIsRefused) {
  EXPECT_THROW(generate_self_signed(request(GeneratedKeyType::p256, kMaxJitter + 1s)), std::invalid_argument);
  EXPECT_THROW(generate_self_signed(request(GeneratedKeyType::p256, -1s)), std::invalid_argument);
  auto r = request(GeneratedKeyType::p256, 0s);
  r.aor = "example.test";
  EXPECT_THROW(generate_self_signed(r), std::invalid_argument);
}

TEST(SelfSignedCredential, RandomJitterStaysWithinThirtyDaysAndVaries) {
  std::set<std::int64_t> seen;
  for (int i = 0; i < 32; ++i) {
    const auto j = random_validity_jitter();
    EXPECT_GE(j.count(), 0);
    EXPECT_LE(j, kMaxJitter);
    seen.insert(j.count());
  }
  EXPECT_GT(seen.size(), 1u);
}

TEST(SelfSignedCredential, KeyTypeNames) {
  EXPECT_EQ(parse_generated_key_type("p256"), GeneratedKeyType::p256);
  EXPECT_EQ(parse_generated_key_type("rsa2048"), GeneratedKeyType::rsa2048);
  EXPECT_THROW(parse_generated_key_type("rsa1024"), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::ua
