// The API token text "csv_<id>_<secret>": generation, parsing, the stored
// digest and its comparison.
#include <gtest/gtest.h>

#include <set>

#include "db/api_token.hpp"

namespace credsvc::db {
namespace {

TEST(ApiTokenText, GeneratedTokensParseBackToTheirParts) {
  const ApiTokenParts parts = generate_api_token();
  EXPECT_EQ(parts.id.size(), kApiTokenIdLength);
  EXPECT_EQ(parts.secret.size(), 43u);  // 32 bytes, base64url, no padding
  const std::string text = format_api_token(parts);
  EXPECT_EQ(text.rfind("csv_", 0), 0u);
  const auto parsed = parse_api_token(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, parts.id);
  EXPECT_EQ(parsed->secret, parts.secret);
}

TEST(ApiTokenText, TokensAreDistinct) {
  std::set<std::string> ids, secrets;
  for (int i = 0; i < 200; ++i) {
    const auto p = generate_api_token();
    ids.insert(p.id);
    secrets.insert(p.secret);
  }
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(secrets.size(), 200u);
}

TEST(ApiTokenText, SecretMayContainUnderscores) {
  const std::string secret = "A_b-_cdefghijklmnopqrstuvwxyz0123456789ABCD";
  ASSERT_EQ(secret.size(), 43u);
  const auto parsed = parse_api_token("csv_abcdefgh1234_" + secret);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, "abcdefgh1234");
  EXPECT_EQ(parsed->secret, secret);
}

TEST(ApiTokenText, MalformedTokensAreRefused) {
  const std::string secret(43, 'x');
  EXPECT_TRUE(parse_api_token("csv_abcdefgh1234_" + secret));
  EXPECT_FALSE(parse_api_token(""));
  EXPECT_FALSE(parse_api_token("csv_"));
  EXPECT_FALSE(parse_api_token("CSV_abcdefgh1234_" + secret));          // prefix is case-sensitive
  EXPECT_FALSE(parse_api_token("xyz_abcdefgh1234_" + secret));
  EXPECT_FALSE(parse_api_token("csv_abcdefgh123_" + secret));           // id too short
  EXPECT_FALSE(parse_api_token("csv_ABCDEFGH1234_" + secret));          // id upper case
  EXPECT_FALSE(parse_api_token("csv_abcdefgh1234_" + secret + "x"));    // secret too long
  EXPECT_FALSE(parse_api_token("csv_abcdefgh1234_" + secret.substr(1)));  // too short
  EXPECT_FALSE(parse_api_token("csv_abcdefgh1234_" + std::string(42, 'x') + "="));  // padding
  EXPECT_FALSE(parse_api_token("csv_abcdefgh1234" + secret));           // no separator
  EXPECT_FALSE(parse_api_token("csv_abcdefgh1234_" + std::string(42, 'x') + "+"));  // not base64url
}

TEST(ApiTokenText, StoredDigestIsSha256OfTheSecret) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(api_token_secret_sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(api_token_secret_sha256("abd"), api_token_secret_sha256("abc"));
}

TEST(ApiTokenText, DigestComparison) {
  const std::string a = api_token_secret_sha256("one");
  EXPECT_TRUE(digests_equal(a, api_token_secret_sha256("one")));
  EXPECT_FALSE(digests_equal(a, api_token_secret_sha256("two")));
  EXPECT_FALSE(digests_equal(a, a.substr(0, 63)));
  EXPECT_FALSE(digests_equal(a, ""));
}

}  // namespace
}  // namespace credsvc::db
