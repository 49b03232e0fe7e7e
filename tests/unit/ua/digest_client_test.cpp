// The UA side of Digest (ua::choose_challenge, ua::authorization_value):
// the choice among a 401's challenges, and answers checked by the server's
// own authenticator (credsvc::auth) with a stored HA1.
#include <gtest/gtest.h>

#include "auth/digest_authenticator.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "ua/digest_client.hpp"

namespace credsvc::ua {
namespace {

std::vector<sip::AuthHeader> headers(const std::vector<std::string>& values) {
  std::vector<sip::AuthHeader> out;
  for (const auto& v : values) {
    auto h = sip::parse_auth_header(v);
    if (!h) throw std::runtime_error("test challenge does not parse: " + h.error());
    out.push_back(*h);
  }
  return out;
}

TEST(DigestClient, ChoosesTheStrongestAlgorithmWhateverTheOrder) {
  const auto chosen = choose_challenge(headers({
      R"(Digest realm="example.test", nonce="n-md5", algorithm=MD5, qop="auth")",
      R"(Digest realm="example.test", nonce="n-512", algorithm=SHA-512-256, qop="auth")",
      R"(Digest realm="example.test", nonce="n-256", algorithm=SHA-256, qop="auth")",
  }));
  ASSERT_TRUE(chosen.ok()) << chosen.error();
  EXPECT_EQ(chosen->algorithm, auth::DigestAlgorithm::sha512_256);
  EXPECT_EQ(chosen->nonce, "n-512");
  EXPECT_EQ(chosen->realm, "example.test");
}

TEST(DigestClient, Sha256BeatsMd5AndAbsentAlgorithmMeansMd5) {
  auto chosen = choose_challenge(headers({
      R"(Digest realm="r", nonce="n1", qop="auth")",
      R"(Digest realm="r", nonce="n2", algorithm=SHA-256, qop="auth,auth-int", opaque="op")",
  }));
  ASSERT_TRUE(chosen.ok()) << chosen.error();
  EXPECT_EQ(chosen->algorithm, auth::DigestAlgorithm::sha256);
  EXPECT_EQ(chosen->opaque, std::optional<std::string>("op"));
  chosen = choose_challenge(headers({R"(Digest realm="r", nonce="n1", qop="auth")"}));
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen->algorithm, auth::DigestAlgorithm::md5);
}

TEST(DigestClient, UnsupportedAlgorithmsAndSchemesAreSkipped) {
  const auto chosen = choose_challenge(headers({
      R"(Basic realm="r")",
      R"(Digest realm="r", nonce="n0", algorithm=SHA-256-sess, qop="auth")",
      R"(Digest realm="r", nonce="n1", algorithm=MD5, qop="auth")",
  }));
  ASSERT_TRUE(chosen.ok()) << chosen.error();
  EXPECT_EQ(chosen->nonce, "n1");
}

TEST(DigestClient, NoUsableChallengeIsNamed) {
  const auto none = choose_challenge(headers({R"(Basic realm="r")"}));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error(), "no Digest challenge");
  // Without qop=auth (RFC 2069 style only) we do not answer.
  const auto no_qop = choose_challenge(headers({R"(Digest realm="r", nonce="n", algorithm=SHA-256)"}));
  ASSERT_FALSE(no_qop.ok());
  EXPECT_NE(no_qop.error().find("qop=auth"), std::string::npos) << no_qop.error();
}

// A PUBLISH carrying `authorization`, as the server receives it.
sip::Message publish_with(const std::string& authorization) {
  auto b = sip::MessageBuilder::request("PUBLISH", "sip:alice@example.test");
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS 127.0.0.1:40000;branch=z9hG4bKd1g3st");
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, "<sip:alice@example.test>;tag=a");
  b.add(sip::HeaderId::To, "<sip:alice@example.test>");
  b.add(sip::HeaderId::CallId, "digest-test");
  b.add(sip::HeaderId::CSeq, "2 PUBLISH");
  b.add(sip::HeaderId::Authorization, authorization);
  auto parsed = sip::parse_message(b.build());
  if (!parsed.ok()) throw std::runtime_error("test request does not parse: " + parsed.reason);
  return parsed.msg;
}

auth::UserHa1 stored_alice() {
  auth::UserHa1 u;
  u.ha1_md5 = auth::compute_ha1(auth::DigestAlgorithm::md5, "alice", "example.test", "wonderland");
  u.ha1_sha256 = auth::compute_ha1(auth::DigestAlgorithm::sha256, "alice", "example.test", "wonderland");
  u.ha1_sha512_256 = auth::compute_ha1(auth::DigestAlgorithm::sha512_256, "alice", "example.test", "wonderland");
  u.aor = "alice@example.test";
  return u;
}

class DigestAgainstServer : public ::testing::TestWithParam<auth::DigestAlgorithm> {
 protected:
  // The server offers only the parameter's algorithm.
  auth::DigestAuthenticator server_{[] {
    auth::DigestOptions o;
    o.algorithms = {GetParam()};
    o.opaque = "opaque-value";
    return o;
  }()};
  auth::TimePoint now_ = auth::Clock::now();

  auth::Outcome answer(const std::string& password, std::uint32_t nc = 1) {
    const auto chosen = choose_challenge(headers(server_.challenges("example.test", now_)));
    if (!chosen) throw std::runtime_error(chosen.error());
    EXPECT_EQ(chosen->algorithm, GetParam());
    DigestAnswer a;
    a.username = "alice";
    a.password = password;
    a.method = "PUBLISH";
    a.digest_uri = "sip:alice@example.test";
    a.cnonce = "0123456789abcdef";
    a.nc = nc;
    const std::string value = authorization_value(*chosen, a);
    EXPECT_EQ(value.find(password), std::string::npos) << "the password must never be sent";
    return server_.check(publish_with(value), "example.test",
                         [](const auth::PendingCheck&) { return std::optional(stored_alice()); }, now_, "");
  }
};

TEST_P(DigestAgainstServer, TheRightPasswordAuthenticates) {
  const auto out = answer("wonderland");
  EXPECT_TRUE(out.ok()) << auth::to_string(out.status) << ": " << out.reason;
  EXPECT_EQ(out.aor, "alice@example.test");
}

TEST_P(DigestAgainstServer, AWrongPasswordDoesNot) {
  const auto out = answer("looking-glass");
  EXPECT_EQ(out.status, auth::AuthStatus::wrong_password) << out.reason;
}

TEST_P(DigestAgainstServer, TheNonceCountIsSentAsEightHexDigits) {
  const auto out = answer("wonderland", 0x1a);
  EXPECT_TRUE(out.ok()) << out.reason;
}

INSTANTIATE_TEST_SUITE_P(Algorithms, DigestAgainstServer,
                         ::testing::Values(auth::DigestAlgorithm::sha512_256, auth::DigestAlgorithm::sha256,
                                           auth::DigestAlgorithm::md5),
                         [](const ::testing::TestParamInfo<auth::DigestAlgorithm>& p) {
                           switch (p.param) {
                             case auth::DigestAlgorithm::sha512_256: return std::string("SHA512_256");
                             case auth::DigestAlgorithm::sha256: return std::string("SHA256");
                             default: return std::string("MD5");
                           }
                         });

TEST(DigestClient, AuthorizationCarriesEveryParameter) {
  DigestChallenge c{auth::DigestAlgorithm::sha256, "example.test", "abc", std::string("op")};
  DigestAnswer a;
  a.username = "al\"ice";
  a.password = "pw";
  a.method = "SUBSCRIBE";
  a.digest_uri = "sip:alice@example.test";
  a.cnonce = "cn";
  a.nc = 2;
  const auto parsed = sip::parse_auth_header(authorization_value(c, a));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const auto p = sip::digest_params(*parsed);
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(p->username, std::optional<std::string>("al\"ice"));  // quoted and escaped
  EXPECT_EQ(p->realm, std::optional<std::string>("example.test"));
  EXPECT_EQ(p->nonce, std::optional<std::string>("abc"));
  EXPECT_EQ(p->uri, std::optional<std::string>("sip:alice@example.test"));
  EXPECT_EQ(p->algorithm, std::optional<std::string>("SHA-256"));
  EXPECT_EQ(p->qop, std::optional<std::string>("auth"));
  EXPECT_EQ(p->nc, std::optional<std::string>("00000002"));
  EXPECT_EQ(p->cnonce, std::optional<std::string>("cn"));
  EXPECT_EQ(p->opaque, std::optional<std::string>("op"));
  const std::string ha1 = auth::compute_ha1(auth::DigestAlgorithm::sha256, "al\"ice", "example.test", "pw");
  const std::string expected = auth::compute_response(
      auth::DigestAlgorithm::sha256, ha1,
      auth::DigestResponseInput{"SUBSCRIBE", "sip:alice@example.test", "abc", "00000002", "cn", "auth"});
  EXPECT_EQ(p->response, std::optional<std::string>(expected));
}

}  // namespace
}  // namespace credsvc::ua
