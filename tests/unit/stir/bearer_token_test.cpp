// The token in an Authorization header (RFC 6750 §2.1).
#include <gtest/gtest.h>

#include "http/bearer_auth.hpp"

namespace credsvc::http {
namespace {

TEST(BearerToken, ReadsTheToken) {
  EXPECT_EQ(bearer_token("Bearer abc.DEF-ghi_~+/=="), std::optional<std::string_view>("abc.DEF-ghi_~+/=="));
  EXPECT_EQ(bearer_token("bearer csv_x"), std::optional<std::string_view>("csv_x"));
  EXPECT_EQ(bearer_token("BEARER   tok  "), std::optional<std::string_view>("tok"));
}

TEST(BearerToken, RefusesOtherSchemesAndBadSyntax) {
  EXPECT_FALSE(bearer_token(""));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token("Bearer "));
  EXPECT_FALSE(bearer_token("Basic dXNlcjpwYXNz"));
  EXPECT_FALSE(bearer_token("Bearerabc"));
  EXPECT_FALSE(bearer_token("Bearer a b"));
  EXPECT_FALSE(bearer_token("Bearer =abc"));
  EXPECT_FALSE(bearer_token("Bearer ab=c"));
  EXPECT_FALSE(bearer_token("Bearer tok\"en"));
}

}  // namespace
}  // namespace credsvc::http
