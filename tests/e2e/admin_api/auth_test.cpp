// Who may call the admin API: admin tokens and admin-CA certificates; no
// credentials, unknown, malformed, revoked and stir-scope tokens, and
// certificates of another CA are refused, and a refusal writes nothing.
#include <thread>

#include "admin_api_fixture.hpp"
#include "tls_client.hpp"

namespace credsvc::testing::admin_api {
namespace {
using namespace std::chrono_literals;
using http::Verb;

TEST_F(AdminApi, NoCredentialsIs401WithABearerChallenge) {
  const auto before = database_state();
  const auto r = call(Verb::get, "/api/v1/domains", {}, {});
  EXPECT_TRUE(refused(r, 401, "unauthenticated"));
  EXPECT_EQ(r.header("www-authenticate").rfind("Bearer", 0), 0u) << r.header("www-authenticate");
  EXPECT_EQ(r.header("content-type"), "application/json");
  // A write without credentials is refused the same way, whatever its body.
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/users", R"({"aor":"x@example.test","password":"p"})", {}), 401,
                      "unauthenticated"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, UnknownAndMalformedTokensAre401) {
  const auto before = database_state();
  const std::string unknown = "csv_abcdefgh2345_" + std::string(43, 'A');
  auto r = call(Verb::get, "/api/v1/domains", {}, {unknown});
  EXPECT_TRUE(refused(r, 401, "invalid_token"));
  EXPECT_NE(r.header("www-authenticate").find("error=\"invalid_token\""), std::string::npos);
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/domains", {}, {std::string("not-a-token")}), 401, "invalid_token"));
  // The right id with a wrong secret.
  std::string guessed = admin_token_;
  guessed.back() = guessed.back() == 'A' ? 'B' : 'A';
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/users", {}, {guessed}), 401, "invalid_token"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, AStirTokenIsForbidden) {
  const auto stir = create_token("sbc", "stir");
  const auto before = database_state();
  const auto r = call(Verb::get, "/api/v1/users", {}, {stir});
  EXPECT_TRUE(refused(r, 403, "insufficient_scope"));
  EXPECT_NE(r.header("www-authenticate").find("insufficient_scope"), std::string::npos);
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, ARevokedTokenStopsWorking) {
  const auto token = create_token("short-lived", "admin");
  ASSERT_EQ(call(Verb::get, "/api/v1/domains", {}, {token}).status, 200);
  const auto revoked = call(Verb::delete_, "/api/v1/tokens/" + token_id(token), {}, admin());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(revoked.json().at("revoked_at").is_null());
  // Tokens found valid are remembered for two seconds (http/bearer_auth.hpp).
  std::this_thread::sleep_for(2500ms);
  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/domains", {}, {token}), 401, "invalid_token"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, AnAdminCaCertificateIsAdmittedAndNamedInTheAudit) {
  const std::string actor = "cert:" + operator_->cert.subject();
  const auto reads = audit_count(actor, "api.read");
  const auto r = call(Verb::get, "/api/v1/session", {}, {std::nullopt, operator_.get()});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("actor").as_string(), actor);
  EXPECT_EQ(audit_count(actor, "api.read"), reads + 1);
  // And it may write: the store's own audit row carries the same actor.
  const auto added = call(Verb::post, "/api/v1/users", R"({"aor":"certified@example.test","password":"pw-1"})",
                          {std::nullopt, operator_.get()});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(audit_count(actor, "user.add"), 1);
}

TEST_F(AdminApi, ACertificateFromAnotherCaIsForbidden) {
  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/domains", {}, {std::nullopt, stranger_.get()}), 403,
                      "untrusted_certificate"));
  // A self-signed certificate claiming the operator's name does not pass either.
  const Pki impostor = issue("ops.example.test", nullptr);
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/domains", {}, {std::nullopt, &impostor}), 403,
                      "untrusted_certificate"));
  EXPECT_EQ(database_state(), before);
  // With a token as well, the token decides.
  EXPECT_EQ(call(Verb::get, "/api/v1/domains", {}, {admin_token_, stranger_.get()}).status, 200);
}

TEST_F(AdminApi, ClientsWithoutCertificatesStillConnectOverSipAndHttps) {
  // --admin-ca asks HTTPS clients for a certificate without requiring one;
  // the identity certificate endpoint keeps working for anyone.
  const auto r = call(Verb::get, "/healthz", {}, {});
  EXPECT_EQ(r.status, 200) << r.body;
  TlsClientOptions sip;
  sip.port = server().sip_port();
  sip.ca_file = server().ca_file();
  sip.server_name = "example.test";
  TlsClient client(sip);
  client.send("\r\n\r\n");  // RFC 5626 keep-alive: the server answers CRLF
  const auto pong = client.receive(5s);
  ASSERT_TRUE(pong);
  EXPECT_EQ(*pong, "\r\n");
}

}  // namespace
}  // namespace credsvc::testing::admin_api
