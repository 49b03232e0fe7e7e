#include "auth/digest_authenticator.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <map>
#include <optional>
#include <thread>

#include "sip/auth_headers.hpp"
#include "test_user_agent.hpp"

namespace credsvc::auth {
namespace {

using namespace std::chrono_literals;
using testing::authorization_value;
using testing::hex_hash;
using testing::make_request;
using testing::UaRequest;

const TimePoint kT0 = TimePoint(1'700'000'000s);
constexpr std::string_view kRealm = "example.com";
const std::string kSecret = "0123456789abcdef0123456789abcdef";

class DigestAuth : public ::testing::Test {
 protected:
  void SetUp() override {
    add_user("alice", "correct horse");
    add_user("bob", "hunter2");
  }

  DigestAuthenticator& auth() {
    if (!auth_) auth_.emplace(opts, kSecret);
    return *auth_;
  }

  void add_user(const std::string& name, const std::string& password, bool enabled = true) {
    const std::string a1 = name + ":" + std::string(kRealm) + ":" + password;
    users[name] = UserHa1{hex_hash("MD5", a1), hex_hash("SHA-256", a1), hex_hash("SHA-512-256", a1), enabled,
                          "sip:" + name + "@example.com"};
  }

  Ha1Lookup lookup() {
    return [this](const PendingCheck& p) -> std::optional<UserHa1> {
      ++lookups;
      if (p.realm() != kRealm) return std::nullopt;
      const auto it = users.find(p.username());
      if (it == users.end()) return std::nullopt;
      return it->second;
    };
  }

  std::vector<std::string> challenges(bool stale = false, std::string_view realm = kRealm) {
    return auth().challenges(realm, now, stale);
  }

  static sip::DigestParams params_of(const std::string& value) {
    const auto h = sip::parse_auth_header(value);
    EXPECT_TRUE(h.ok()) << value;
    const auto d = sip::digest_params(*h);
    EXPECT_TRUE(d.ok()) << value;
    return *d;
  }

  std::string fresh_nonce(std::string_view realm = kRealm) {
    return *params_of(challenges(false, realm).front()).nonce;
  }

  UaRequest ua(std::string algorithm = "SHA-256") {
    UaRequest r;
    r.algorithm = std::move(algorithm);
    r.nonce = fresh_nonce();
    return r;
  }

  Outcome run(const UaRequest& r, std::string_view source = "192.0.2.1") {
    return auth().check(make_request(r, opts.proxy ? "Proxy-Authorization" : "Authorization"), kRealm, lookup(),
                        now, source);
  }

  Outcome run_header(std::string_view header_value, std::string_view name = "Authorization") {
    return auth().check(make_request("REGISTER", "sip:example.com", {{name, std::string(header_value)}}), kRealm,
                        lookup(), now, "192.0.2.1");
  }

  DigestOptions opts;
  std::optional<DigestAuthenticator> auth_;
  std::map<std::string, UserHa1> users;
  std::atomic<int> lookups{0};
  TimePoint now = kT0;
};

// ---- challenges ----

TEST_F(DigestAuth, ChallengesStrongestFirstParseableAndSharingOneNonce) {
  const auto values = challenges();
  ASSERT_EQ(values.size(), 3u);
  const std::vector<std::string> order{"SHA-512-256", "SHA-256", "MD5"};
  std::string nonce;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto d = params_of(values[i]);
    EXPECT_EQ(d.algorithm, order[i]);
    EXPECT_EQ(d.realm, std::string(kRealm));
    EXPECT_EQ(d.qop_options, std::vector<std::string>{"auth"});
    EXPECT_FALSE(d.stale.has_value());
    ASSERT_TRUE(d.nonce.has_value());
    if (i == 0) nonce = *d.nonce;
    EXPECT_EQ(*d.nonce, nonce);
  }
  EXPECT_NE(fresh_nonce(), nonce);
  EXPECT_EQ(auth().challenge_header_name(), "WWW-Authenticate");
  EXPECT_EQ(params_of(challenges(true).back()).stale, true);
}

TEST_F(DigestAuth, ChallengesFollowConfiguredAlgorithmsAndProxyRole) {
  opts.algorithms = {DigestAlgorithm::sha256};
  opts.proxy = true;
  opts.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
  const auto values = challenges();
  ASSERT_EQ(values.size(), 1u);
  const auto d = params_of(values[0]);
  EXPECT_EQ(d.algorithm, "SHA-256");
  EXPECT_EQ(d.opaque, opts.opaque);
  EXPECT_EQ(auth().challenge_header_name(), "Proxy-Authenticate");
  EXPECT_EQ(auth().credentials_header_name(), "Proxy-Authorization");
}

// ---- success ----

TEST_F(DigestAuth, SucceedsForEachAlgorithm) {
  for (const std::string alg : {"MD5", "SHA-256", "SHA-512-256"}) {
    const Outcome o = run(ua(alg));
    EXPECT_EQ(o.status, AuthStatus::ok) << alg << ": " << o.reason;
    EXPECT_EQ(o.username, "alice");
    EXPECT_EQ(o.aor, "sip:alice@example.com");
    EXPECT_EQ(o.algorithm, parse_digest_algorithm(alg));
    EXPECT_EQ(o.response_code(false), 0);
  }
}

TEST_F(DigestAuth, AbsentAlgorithmMeansMd5) {
  UaRequest r = ua("");  // no algorithm= ; the test UA hashes with MD5
  const Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::ok) << o.reason;
  EXPECT_EQ(o.algorithm, DigestAlgorithm::md5);
}

TEST_F(DigestAuth, UsesNonceOfEveryOfferedChallenge) {
  // The UA picks the challenge for its algorithm; all carry a usable nonce.
  // They share one nonce, so its count is shared too: nc must keep rising.
  const auto values = challenges();
  std::uint32_t nc = 0;
  for (const auto& v : values) {
    const auto d = params_of(v);
    UaRequest r;
    r.algorithm = *d.algorithm;
    r.nonce = *d.nonce;
    r.nc = ++nc;
    EXPECT_TRUE(run(r).ok()) << v;
    EXPECT_EQ(run(r).status, AuthStatus::replayed_nonce_count) << v;
  }
}

TEST_F(DigestAuth, TwoStepFlowCarriesWhatToFetch) {
  const UaRequest r = ua("SHA-512-256");
  const sip::Message msg = make_request(r);
  PrecheckResult pre = auth().parse_and_precheck(msg, kRealm, now, "198.51.100.7");
  ASSERT_TRUE(std::holds_alternative<PendingCheck>(pre));
  const PendingCheck pending = std::get<PendingCheck>(pre);  // a copy outlives the request
  EXPECT_EQ(pending.username(), "alice");
  EXPECT_EQ(pending.realm(), kRealm);
  EXPECT_EQ(pending.algorithm(), DigestAlgorithm::sha512_256);
  EXPECT_EQ(pending.source_address(), "198.51.100.7");
  // Only the HA1 of the named algorithm is needed.
  UserHa1 only;
  only.ha1_sha512_256 = users["alice"].ha1_sha512_256;
  const Outcome o = auth().finish(pending, only, now + 2s);
  EXPECT_EQ(o.status, AuthStatus::ok) << o.reason;
  EXPECT_EQ(o.aor, "alice");  // no AOR given: the username

  const Outcome missing = auth().finish(pending, UserHa1{users["alice"].ha1_md5, "", "", true, ""}, now);
  EXPECT_EQ(missing.status, AuthStatus::unsupported_algorithm);
}

TEST_F(DigestAuth, EquivalentDigestUriAccepted) {
  UaRequest r = ua();
  r.request_uri = "sip:EXAMPLE.COM";
  r.digest_uri = "sip:example.com";
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, ProxyRoleReadsProxyAuthorization) {
  opts.proxy = true;
  EXPECT_EQ(run(ua()).status, AuthStatus::ok);
  // Authorization is not for a proxy.
  const Outcome o = run_header(authorization_value(ua()), "Authorization");
  EXPECT_EQ(o.status, AuthStatus::missing_credentials);
  EXPECT_EQ(o.response_code(true), 407);
}

// ---- failures ----

TEST_F(DigestAuth, WrongPassword) {
  UaRequest r = ua();
  r.password = "Correct horse";
  const Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::wrong_password);
  EXPECT_EQ(o.response_code(false), 401);
  EXPECT_TRUE(o.wants_challenge());
  // The reason names no secret.
  EXPECT_EQ(o.reason.find(testing::ua_response(r)), std::string::npos);
  EXPECT_EQ(o.reason.find(users["alice"].ha1_sha256), std::string::npos);
  EXPECT_EQ(o.reason.find("horse"), std::string::npos);
}

TEST_F(DigestAuth, UnknownUser) {
  UaRequest r = ua();
  r.username = "mallory";
  const Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::unknown_user);
  EXPECT_EQ(o.username, "mallory");
  EXPECT_EQ(o.response_code(false), 401);
  EXPECT_EQ(lookups, 1);
}

TEST_F(DigestAuth, DisabledUserOnlyWithRightPassword) {
  add_user("carol", "pw", false);
  UaRequest r = ua();
  r.username = "carol";
  r.password = "pw";
  const Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::disabled_user);
  EXPECT_EQ(o.response_code(false), 403);
  r.nc = 2;
  r.password = "guess";
  EXPECT_EQ(run(r).status, AuthStatus::wrong_password);
}

TEST_F(DigestAuth, StaleNonceReportedOnlyWithRightPassword) {
  UaRequest r = ua();
  now += 301s;
  const Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::stale_nonce) << o.reason;
  EXPECT_TRUE(o.stale());
  EXPECT_EQ(o.response_code(false), 401);
  r.password = "wrong";
  EXPECT_EQ(run(r).status, AuthStatus::wrong_password);
  // The retry with the fresh nonce the stale challenge carries works.
  r.password = "correct horse";
  const auto d = params_of(challenges(o.stale()).front());
  EXPECT_EQ(d.stale, true);
  r.nonce = *d.nonce;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, StaleNonceEarlyWhenConfigured) {
  opts.stale_needs_password = false;
  UaRequest r = ua();
  r.password = "wrong";
  now += 301s;
  EXPECT_EQ(run(r).status, AuthStatus::stale_nonce);
  EXPECT_EQ(lookups, 0);
}

TEST_F(DigestAuth, ForgedNonceIsInvalid) {
  UaRequest r = ua();
  r.nonce[10] = r.nonce[10] == 'x' ? 'y' : 'x';
  Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::invalid_nonce);
  EXPECT_FALSE(o.stale());
  EXPECT_EQ(lookups, 0);
  r.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
  EXPECT_EQ(run(r).status, AuthStatus::invalid_nonce);
  // A nonce minted with another secret.
  DigestAuthenticator other(opts, std::string(32, 'o'));
  r.nonce = *params_of(other.challenges(kRealm, now).front()).nonce;
  EXPECT_EQ(run(r).status, AuthStatus::invalid_nonce);
}

TEST_F(DigestAuth, SharedSecretAcceptsAnotherInstancesNonce) {
  DigestAuthenticator other(opts, kSecret);
  UaRequest r;
  r.nonce = *params_of(other.challenges(kRealm, now).front()).nonce;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, NonceFromAnotherRealmIsInvalid) {
  UaRequest r;
  r.nonce = fresh_nonce("other.example");
  const Outcome o = run(r);  // credentials say realm=example.com
  EXPECT_EQ(o.status, AuthStatus::invalid_nonce);
  EXPECT_EQ(lookups, 0);
}

TEST_F(DigestAuth, ReplayedNonceCountRefusedHigherAccepted) {
  UaRequest r = ua();
  r.nc = 1;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
  const Outcome replay = run(r);
  EXPECT_EQ(replay.status, AuthStatus::replayed_nonce_count);
  EXPECT_TRUE(replay.wants_challenge());
  EXPECT_FALSE(replay.stale());
  r.nc = 2;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
  r.nc = 7;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
  r.nc = 3;
  EXPECT_EQ(run(r).status, AuthStatus::replayed_nonce_count);
  // A replay is not a password failure.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(run(r).status, AuthStatus::replayed_nonce_count);
  r.nc = 8;
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, RealmMismatch) {
  UaRequest r = ua();
  r.realm = "other.example";
  EXPECT_EQ(run(r).status, AuthStatus::realm_mismatch);
  // Credentials for two realms: ours is found.
  UaRequest mine = ua();
  const std::string both_value = authorization_value(r);
  const Outcome o = auth().check(
      make_request("REGISTER", "sip:example.com",
                   {{"Authorization", both_value}, {"Authorization", authorization_value(mine)}}),
      kRealm, lookup(), now, "192.0.2.1");
  EXPECT_EQ(o.status, AuthStatus::ok) << o.reason;
}

TEST_F(DigestAuth, UriMismatch) {
  UaRequest r = ua();
  r.digest_uri = "sip:other.example.com";
  Outcome o = run(r);
  EXPECT_EQ(o.status, AuthStatus::uri_mismatch);
  EXPECT_EQ(o.response_code(false), 400);
  r.digest_uri = "not a uri";
  EXPECT_EQ(run(r).status, AuthStatus::uri_mismatch);
  opts.check_digest_uri = false;
  auth_.reset();
  r.nonce = fresh_nonce();
  r.digest_uri = "sip:other.example.com";
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, UnsupportedAlgorithmsAndVariants) {
  UaRequest r = ua("MD5");
  std::string v = authorization_value(r);
  v.replace(v.find("algorithm=MD5"), 13, "algorithm=MD5-sess");
  EXPECT_EQ(run_header(v).status, AuthStatus::unsupported_algorithm);

  r = ua("SHA-256");
  r.extra = ", userhash=true";
  const Outcome uh = run(r);
  EXPECT_EQ(uh.status, AuthStatus::unsupported_algorithm);
  EXPECT_NE(uh.reason.find("userhash"), std::string::npos);
  r.extra = ", userhash=false";
  EXPECT_EQ(run(r).status, AuthStatus::ok);

  r = ua();
  r.qop = "auth-int";
  EXPECT_EQ(run(r).status, AuthStatus::unsupported_algorithm);

  opts.algorithms = {DigestAlgorithm::sha256, DigestAlgorithm::sha512_256};
  auth_.reset();
  lookups = 0;
  const Outcome md5 = run(ua("MD5"));
  EXPECT_EQ(md5.status, AuthStatus::unsupported_algorithm);
  EXPECT_EQ(md5.response_code(false), 401);
  EXPECT_EQ(lookups, 0);
}

TEST_F(DigestAuth, Rfc2069OnlyWhenAllowed) {
  UaRequest r = ua("MD5");
  r.qop.clear();
  EXPECT_EQ(run(r).status, AuthStatus::unsupported_algorithm);
  opts.allow_rfc2069 = true;
  auth_.reset();
  r.nonce = fresh_nonce();
  EXPECT_EQ(run(r).status, AuthStatus::ok);
  r.password = "nope";
  EXPECT_EQ(run(r).status, AuthStatus::wrong_password);
}

TEST_F(DigestAuth, OpaqueMustComeBackUnchanged) {
  opts.opaque = "opaque-1";
  UaRequest r = ua();
  EXPECT_EQ(run(r).status, AuthStatus::invalid_nonce);  // not returned
  r.opaque = "opaque-2";
  EXPECT_EQ(run(r).status, AuthStatus::invalid_nonce);
  r.opaque = "opaque-1";
  EXPECT_EQ(run(r).status, AuthStatus::ok);
}

TEST_F(DigestAuth, MissingCredentials) {
  const Outcome o = auth().check(make_request("REGISTER", "sip:example.com", {}), kRealm, lookup(), now, "x");
  EXPECT_EQ(o.status, AuthStatus::missing_credentials);
  EXPECT_EQ(o.response_code(false), 401);
  EXPECT_EQ(run_header("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").status, AuthStatus::missing_credentials);
  EXPECT_EQ(lookups, 0);
  // Other schemes beside Digest are skipped, even in forms SIP cannot parse.
  const Outcome o2 = auth().check(make_request("REGISTER", "sip:example.com",
                                               {{"Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
                                                {"Authorization", "Bearer x"},
                                                {"Authorization", authorization_value(ua())}}),
                                  kRealm, lookup(), now, "x");
  EXPECT_EQ(o2.status, AuthStatus::ok) << o2.reason;
}

TEST_F(DigestAuth, MalformedHeaders) {
  const UaRequest r = ua();
  const std::string good = authorization_value(r);
  const auto without = [&](std::string_view param) {
    std::string v = good;
    const auto at = v.find(std::string(param) + "=");
    const auto end = v.find(", ", at);
    v.erase(at, end == std::string::npos ? std::string::npos : end - at + 2);
    if (v.ends_with(", ")) v.resize(v.size() - 2);
    return v;
  };
  const auto with = [&](std::string_view from, std::string_view to) {
    std::string v = good;
    v.replace(v.find(from), from.size(), to);
    return v;
  };
  const std::vector<std::string> bad{
      "Digest username=\"alice",                                  // unterminated quoted-string
      "Digest username=\"alice\", realm=\"example.com\" nonce=x",  // missing comma
      "Digest username=\"a\", username=\"b\", realm=\"example.com\"",  // duplicate
      without("nonce"),
      without("uri"),
      without("response"),
      without("username"),
      without("cnonce"),
      without("nc"),
      with("nc=00000001", "nc=0000001z"),
      with("nc=00000001", "nc=00000000"),
      with("qop=auth", "qop=\"auth,auth-int\""),
      with("response=\"", "response=\"00"),
      with("response=\"", "response=\"g"),
      good + ", stale=maybe",
  };
  for (const auto& v : bad) {
    const Outcome o = run_header(v);
    EXPECT_EQ(o.status, AuthStatus::malformed) << v << " → " << to_string(o.status) << ": " << o.reason;
    EXPECT_EQ(o.response_code(false), 400);
    EXPECT_FALSE(o.reason.empty());
  }
  // A Digest header without realm is malformed, not "another realm".
  EXPECT_EQ(run_header(without("realm")).status, AuthStatus::malformed);
  // cnonce/nc without qop.
  EXPECT_EQ(run_header(without("qop")).status, AuthStatus::malformed);
  EXPECT_EQ(lookups, 0);
  // Upper-case hex in the response is tolerated.
  std::string upper = good;
  const auto at = upper.find("response=\"") + 10;
  for (std::size_t i = at; upper[i] != '"'; ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  EXPECT_EQ(run_header(upper).status, AuthStatus::ok);
}

// ---- throttling ----

TEST_F(DigestAuth, ThrottlesAccountAfterFailuresAndReleasesAfterLockout) {
  UaRequest bad = ua();
  bad.password = "guess";
  for (std::uint32_t i = 1; i <= 5; ++i) {
    bad.nc = i;
    // Distinct addresses: only the account counter is in play.
    EXPECT_EQ(run(bad, "10.0.0." + std::to_string(i)).status, AuthStatus::wrong_password);
    now += 1s;
  }
  UaRequest good = ua();
  const int before = lookups;
  const Outcome o = run(good, "10.0.1.1");
  EXPECT_EQ(o.status, AuthStatus::throttled);
  EXPECT_EQ(lookups, before);  // refused without looking at the password
  EXPECT_EQ(o.response_code(false), 503);
  EXPECT_GT(o.retry_after.count(), 0);
  EXPECT_LE(o.retry_after, 60s);
  EXPECT_EQ(o.retry_after, 59s);  // locked at T0+4s for 60 s; now is T0+5s
  // Other accounts are unaffected.
  UaRequest bob = ua();
  bob.username = "bob";
  bob.password = "hunter2";
  EXPECT_EQ(run(bob, "10.0.1.2").status, AuthStatus::ok);

  now += o.retry_after;
  good.nonce = fresh_nonce();
  EXPECT_EQ(run(good, "10.0.1.1").status, AuthStatus::ok);
}

TEST_F(DigestAuth, ThrottlesSourceAddressAcrossAccounts) {
  for (int i = 0; i < 5; ++i) {
    UaRequest r = ua();
    r.username = "nobody" + std::to_string(i);
    EXPECT_EQ(run(r, "203.0.113.9").status, AuthStatus::unknown_user);
  }
  const Outcome o = run(ua(), "203.0.113.9");  // alice, right password, same address
  EXPECT_EQ(o.status, AuthStatus::throttled);
  EXPECT_EQ(o.retry_after, 60s);
  // Even a request without credentials from that address.
  EXPECT_EQ(auth().check(make_request("REGISTER", "sip:example.com", {}), kRealm, lookup(), now, "203.0.113.9").status,
            AuthStatus::throttled);
  EXPECT_EQ(run(ua(), "203.0.113.10").status, AuthStatus::ok);
  now += 61s;
  EXPECT_EQ(run(ua(), "203.0.113.9").status, AuthStatus::ok);
}

TEST_F(DigestAuth, SuccessResetsTheAccountCounter) {
  UaRequest r = ua();
  std::uint32_t nc = 0;
  const auto attempt = [&](const char* password, int addr) {
    r.password = password;
    r.nc = ++nc;
    return run(r, "10.1.0." + std::to_string(addr)).status;
  };
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("x", i), AuthStatus::wrong_password);
  EXPECT_EQ(attempt("correct horse", 10), AuthStatus::ok);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("x", 20 + i), AuthStatus::wrong_password);
  EXPECT_EQ(attempt("correct horse", 30), AuthStatus::ok);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("x", 40 + i), AuthStatus::wrong_password);
  EXPECT_EQ(attempt("correct horse", 50), AuthStatus::throttled);
}

TEST_F(DigestAuth, ThrottleLimitsAreConfigurable) {
  opts.max_failures = 2;
  opts.lockout = 10s;
  UaRequest r = ua();
  r.password = "x";
  EXPECT_EQ(run(r, "a").status, AuthStatus::wrong_password);
  r.nc = 2;
  EXPECT_EQ(run(r, "b").status, AuthStatus::wrong_password);
  r.nc = 3;
  const Outcome o = run(r, "c");
  EXPECT_EQ(o.status, AuthStatus::throttled);
  EXPECT_EQ(o.retry_after, 10s);
}

// ---- memory bounds ----

TEST_F(DigestAuth, TablesStayWithinCapacity) {
  opts.replay_cache_capacity = 4;
  opts.throttle_capacity = 8;
  std::vector<UaRequest> used;
  for (int i = 0; i < 12; ++i) {
    now += 1s;
    used.push_back(ua());
    EXPECT_EQ(run(used.back()).status, AuthStatus::ok);
    EXPECT_LE(auth().tracked_nonces(), 4u);
  }
  EXPECT_EQ(auth().tracked_nonces(), 4u);
  // The oldest nonce's count was evicted: replaying it is not accepted, it
  // earns a stale challenge instead.
  EXPECT_EQ(run(used.front()).status, AuthStatus::stale_nonce);
  // The newest is still tracked exactly.
  EXPECT_EQ(run(used.back()).status, AuthStatus::replayed_nonce_count);

  for (int i = 0; i < 50; ++i) {
    UaRequest r = ua();
    r.username = "user" + std::to_string(i);
    EXPECT_EQ(run(r, "198.18.0." + std::to_string(i)).status, AuthStatus::unknown_user);
    EXPECT_LE(auth().tracked_accounts(), 8u);
    EXPECT_LE(auth().tracked_addresses(), 8u);
  }
  EXPECT_EQ(auth().tracked_accounts(), 8u);
  EXPECT_EQ(auth().tracked_addresses(), 8u);
}

TEST_F(DigestAuth, ConcurrentChecksAreSafe) {
  const UaRequest base = ua();
  constexpr int kThreads = 4;
  constexpr std::uint32_t kPerThread = 50;
  std::vector<std::thread> threads;
  std::atomic<int> oks{0};
  std::atomic<int> others{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::uint32_t i = 0; i < kPerThread; ++i) {
        UaRequest r = base;
        r.nc = 1 + i * kThreads + static_cast<std::uint32_t>(t);
        const Outcome o = auth().check(make_request(r), kRealm, lookup(), now, "192.0.2.1");
        (o.status == AuthStatus::ok ? oks : others)++;
        if (o.status != AuthStatus::ok) {
          EXPECT_EQ(o.status, AuthStatus::replayed_nonce_count);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(oks + others, kThreads * static_cast<int>(kPerThread));
  EXPECT_GE(oks.load(), 1);
}

TEST(DigestAuthOptions, RejectsBadConfiguration) {
  DigestOptions o;
  o.algorithms.clear();
  EXPECT_THROW(DigestAuthenticator{o}, std::invalid_argument);
  o = {};
  o.algorithms = {DigestAlgorithm::md5, DigestAlgorithm::md5};
  EXPECT_THROW(DigestAuthenticator{o}, std::invalid_argument);
  o = {};
  o.replay_cache_capacity = 0;
  EXPECT_THROW(DigestAuthenticator{o}, std::invalid_argument);
  o = {};
  o.max_failures = 0;
  EXPECT_THROW(DigestAuthenticator{o}, std::invalid_argument);
  o = {};
  EXPECT_THROW(DigestAuthenticator(o, "short"), std::invalid_argument);
  EXPECT_THROW(DigestAuthenticator(o, kSecret).challenges("bad\r\nrealm", kT0), std::invalid_argument);
}

TEST(DigestAuthOutcome, NamesAndResponseCodes) {
  Outcome o;
  o.status = AuthStatus::throttled;
  EXPECT_EQ(to_string(o.status), "throttled");
  EXPECT_EQ(o.response_code(false), 503);
  o.status = AuthStatus::stale_nonce;
  EXPECT_TRUE(o.stale());
  EXPECT_EQ(o.response_code(true), 407);
  o.status = AuthStatus::disabled_user;
  EXPECT_FALSE(o.wants_challenge());
  EXPECT_EQ(to_string(AuthStatus::replayed_nonce_count), "replayed_nonce_count");
}

}  // namespace
}  // namespace credsvc::auth
