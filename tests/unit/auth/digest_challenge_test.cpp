#include "auth/digest_challenge.hpp"

#include <gtest/gtest.h>

#include <array>

#include "sip/auth_headers.hpp"

namespace credsvc::auth {
namespace {

TEST(DigestChallenge, OneValuePerAlgorithmInGivenOrderParseable) {
  const std::array algs{DigestAlgorithm::sha512_256, DigestAlgorithm::sha256, DigestAlgorithm::md5};
  const auto values = build_digest_challenges({"example.com", "abc-_123", "", false}, algs);
  ASSERT_EQ(values.size(), 3u);
  const std::array<std::string_view, 3> want{"SHA-512-256", "SHA-256", "MD5"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto h = sip::parse_auth_header(values[i]);
    ASSERT_TRUE(h.ok()) << values[i] << ": " << h.error();
    EXPECT_TRUE(h->is_digest());
    const auto d = sip::digest_params(*h);
    ASSERT_TRUE(d.ok()) << d.error();
    EXPECT_EQ(d->realm, "example.com");
    EXPECT_EQ(d->nonce, "abc-_123");
    EXPECT_EQ(d->algorithm, std::string(want[i]));
    EXPECT_EQ(d->qop_options, std::vector<std::string>{"auth"});
    EXPECT_FALSE(d->stale.has_value());
    EXPECT_FALSE(d->opaque.has_value());
  }
}

TEST(DigestChallenge, StaleOpaqueAndQuotedRealm) {
  const std::string v = build_digest_challenge({"a \"b\" \\c", "n", "op1", true}, DigestAlgorithm::md5);
  const auto h = sip::parse_auth_header(v);
  ASSERT_TRUE(h.ok()) << v;
  const auto d = sip::digest_params(*h);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->realm, "a \"b\" \\c");
  EXPECT_EQ(d->stale, true);
  EXPECT_EQ(d->opaque, "op1");
}

TEST(DigestChallenge, RefusesControlCharacters) {
  EXPECT_THROW(build_digest_challenge({"example.com\r\nX: y", "n", "", false}, DigestAlgorithm::md5),
               std::invalid_argument);
  EXPECT_THROW(build_digest_challenge({"example.com", "n", std::string_view("a\0b", 3), false},
                                      DigestAlgorithm::md5),
               std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::auth
