// Names as administrators give them, the HA1 set stored for a password,
// and the time formats of `credsvc admin` and the admin API.
#include <gtest/gtest.h>

#include <chrono>

#include "auth/digest_algorithm.hpp"
#include "auth/ha1_set.hpp"
#include "http/admin_names.hpp"
#include "http/time_format.hpp"
#include "http/user_password.hpp"

namespace credsvc::testing::admin {
namespace {
using namespace std::chrono_literals;

TEST(AdminNames, AddressesOfRecordAreCanonical) {
  EXPECT_EQ(http::admin_aor("sip:alice@Example.TEST"), "alice@example.test");
  EXPECT_EQ(http::admin_aor("sips:alice@example.test;transport=tls"), "alice@example.test");
  EXPECT_EQ(http::admin_aor("Alice@example.test"), "Alice@example.test");  // the user part keeps its case
  try {
    http::admin_aor("bob");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "'bob' is not an address-of-record (user@domain)");
  }
  EXPECT_THROW(http::admin_aor("tel:+12155551212"), std::invalid_argument);
}

TEST(AdminNames, DomainNamesAreLowerCasedAndChecked) {
  EXPECT_EQ(http::normalise_domain_name("Example.TEST"), "example.test");
  for (const char* bad : {"", ".example.test", "example.test.", "-x.test", "a..b", "a_b.test", "a b"}) {
    EXPECT_THROW(http::normalise_domain_name(bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(http::normalise_domain_name(std::string(254, 'a')), std::invalid_argument);
}

TEST(Ha1Set, OneHa1PerAlgorithm) {
  // RFC 2617 §3.5's example: HA1 = MD5("Mufasa:testrealm@host.com:Circle Of Life").
  const auto set = auth::compute_ha1_set("Mufasa", "testrealm@host.com", "Circle Of Life");
  EXPECT_EQ(set.md5, "939e7578ed9e3c518a452acee763bce9");
  EXPECT_EQ(set.sha256, auth::compute_ha1(auth::DigestAlgorithm::sha256, "Mufasa", "testrealm@host.com",
                                          "Circle Of Life"));
  EXPECT_EQ(set.sha512_256, auth::compute_ha1(auth::DigestAlgorithm::sha512_256, "Mufasa", "testrealm@host.com",
                                              "Circle Of Life"));
  EXPECT_EQ(set.sha256.size(), 64u);
  EXPECT_NE(set.sha256, set.sha512_256);
}

TEST(PasswordHashes, UseTheUserPartAndWipeThePassword) {
  std::string password = "Circle Of Life";
  const auto ha1 = http::password_hashes("Mufasa@testrealm.example", "testrealm@host.com", password);
  EXPECT_EQ(ha1.md5, "939e7578ed9e3c518a452acee763bce9");
  EXPECT_EQ(password, std::string(14, '\0'));
}

TEST(TimeFormat, UtcRoundTripsAndSpansCountBack) {
  const auto t = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 13h + 27min;
  EXPECT_EQ(http::format_utc(t), "2026-11-21T13:27:00Z");
  EXPECT_EQ(http::parse_since("2026-11-21T13:27:00Z", t + 5h), t);
  EXPECT_EQ(http::parse_since("90s", t), t - 90s);
  EXPECT_EQ(http::parse_since("7d", t), t - 7 * 24h);
  for (const char* bad : {"yesterday", "-1h", "1w", "2026-11-21", "h"}) {
    EXPECT_THROW(http::parse_since(bad, t), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace credsvc::testing::admin
