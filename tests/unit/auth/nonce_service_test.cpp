#include "auth/nonce_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/base64url.hpp"

namespace credsvc::auth {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(1'700'000'000s);
const std::string kSecret(32, 'k');

TEST(AuthBase64url, Rfc4648Vectors) {
  // RFC 4648 §10, without padding.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(base64url_decode(base64url_encode(s)), std::string(s));
  }
}

TEST(AuthBase64url, UsesUrlAlphabetAndRejectsOthers) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff"));
  EXPECT_FALSE(base64url_decode("+/8").has_value());
  EXPECT_FALSE(base64url_decode("Zg==").has_value());
  EXPECT_FALSE(base64url_decode("Z").has_value());         // impossible length
  EXPECT_FALSE(base64url_decode("Zh").has_value());        // non-zero trailing bits
  EXPECT_FALSE(base64url_decode("Zm 9v").has_value());
}

TEST(DigestNonce, IssuedNonceIsValidTokenSafeAndUnique) {
  const NonceService svc(kSecret, {});
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string n = svc.issue("example.com", kT0);
    EXPECT_EQ(n.size(), 43u);
    EXPECT_EQ(n.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_TRUE(seen.insert(n).second) << "nonce repeated";
    const NonceCheck c = svc.check(n, "example.com", kT0 + 10s);
    EXPECT_EQ(c.state, NonceState::valid);
    EXPECT_EQ(c.issued, kT0);
  }
}

TEST(DigestNonce, ExpiresAfterLifetimeAsStale) {
  const NonceService svc(kSecret, {.lifetime = 300s, .max_clock_skew = 30s});
  const std::string n = svc.issue("example.com", kT0);
  EXPECT_EQ(svc.check(n, "example.com", kT0 + 300s).state, NonceState::valid);
  const NonceCheck c = svc.check(n, "example.com", kT0 + 301s);
  EXPECT_EQ(c.state, NonceState::stale);
  EXPECT_EQ(c.issued, kT0);
  const NonceService short_lived(kSecret, {.lifetime = 5s, .max_clock_skew = 0s});
  EXPECT_EQ(short_lived.check(n, "example.com", kT0 + 6s).state, NonceState::stale);
}

TEST(DigestNonce, TamperedNonceIsInvalid) {
  const NonceService svc(kSecret, {});
  const std::string n = svc.issue("example.com", kT0);
  // Change every character in turn (to another alphabet character): the MAC
  // covers time and random part, and the MAC bytes themselves are checked.
  for (std::size_t i = 0; i + 1 < n.size(); ++i) {
    std::string t = n;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_EQ(svc.check(t, "example.com", kT0).state, NonceState::invalid) << "position " << i;
  }
  EXPECT_EQ(svc.check("", "example.com", kT0).state, NonceState::invalid);
  EXPECT_EQ(svc.check(n + "A", "example.com", kT0).state, NonceState::invalid);
  EXPECT_EQ(svc.check(n.substr(0, 42), "example.com", kT0).state, NonceState::invalid);
  EXPECT_EQ(svc.check("dcd98b7102dd2f0e8b11d0f600bfb0c093", "example.com", kT0).state, NonceState::invalid);
  EXPECT_FALSE(svc.check(n, "example.com", kT0 + 1000s).reason.empty());
}

TEST(DigestNonce, BoundToRealm) {
  const NonceService svc(kSecret, {});
  const std::string n = svc.issue("other.example", kT0);
  EXPECT_EQ(svc.check(n, "other.example", kT0).state, NonceState::valid);
  EXPECT_EQ(svc.check(n, "example.com", kT0).state, NonceState::invalid);
  // Even after expiry: a foreign nonce is never reported stale.
  EXPECT_EQ(svc.check(n, "example.com", kT0 + 1h).state, NonceState::invalid);
}

TEST(DigestNonce, SharedSecretWorksAcrossInstancesOthersDoNot) {
  const NonceService a(kSecret, {});
  const NonceService b(kSecret, {});
  const NonceService c(std::string(32, 'z'), {});
  const NonceService random_a({});
  const NonceService random_b({});
  const std::string n = a.issue("example.com", kT0);
  EXPECT_EQ(b.check(n, "example.com", kT0).state, NonceState::valid);
  EXPECT_EQ(c.check(n, "example.com", kT0).state, NonceState::invalid);
  EXPECT_EQ(random_b.check(random_a.issue("example.com", kT0), "example.com", kT0).state, NonceState::invalid);
  EXPECT_NE(NonceService::generate_secret(), NonceService::generate_secret());
  EXPECT_EQ(NonceService::generate_secret().size(), NonceService::kSecretSize);
}

TEST(DigestNonce, FutureNonceBeyondSkewIsInvalid) {
  const NonceService svc(kSecret, {.lifetime = 300s, .max_clock_skew = 30s});
  const std::string n = svc.issue("example.com", kT0 + 20s);
  EXPECT_EQ(svc.check(n, "example.com", kT0).state, NonceState::valid);
  const std::string far = svc.issue("example.com", kT0 + 31s);
  EXPECT_EQ(svc.check(far, "example.com", kT0).state, NonceState::invalid);
}

TEST(DigestNonce, RejectsWeakConfiguration) {
  EXPECT_THROW(NonceService(std::string(15, 'k'), {}), std::invalid_argument);
  EXPECT_THROW(NonceService(kSecret, {.lifetime = 0s, .max_clock_skew = 0s}), std::invalid_argument);
  EXPECT_NO_THROW(NonceService(std::string(16, 'k'), {}));
}

}  // namespace
}  // namespace credsvc::auth
