// The STIR HTTPS API of the real `credsvc serve` over real HTTPS: bearer
// tokens made with `credsvc admin token`, TLS client certificates, a
// signing/verification round trip whose x5u is fetched over HTTPS, the
// signed PASSporT accepted by Debian's secsipidx, and the refusals.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "certs/issue_certificate.hpp"
#include "server_process.hpp"
#include "stir_https_client.hpp"
#include "x5u_server.hpp"

#ifndef CREDSVC_SECSIPIDX
#define CREDSVC_SECSIPIDX "secsipidx"
#endif

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
namespace json = boost::json;

constexpr const char* kSign =
    R"({"signingRequest":{"orig":{"tn":"12155551212"},"dest":{"tn":["12155551213"]},"attest":"A",)"
    R"("origid":"de305d54-75b4-431b-adb2-eb6b9e546014"}})";

struct Pki {
  certs::PrivateKey key;
  certs::Certificate cert;
};

Pki issue(const std::string& cn, std::vector<std::string> dns, const Pki* issuer,
          std::optional<std::vector<std::string>> eku = std::nullopt) {
  auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = cn;
  req.san_dns = std::move(dns);
  req.is_ca = issuer == nullptr;
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h;
  req.extended_key_usage = std::move(eku);
  auto cert = certs::issue_certificate(req, key, issuer ? &issuer->cert : nullptr, issuer ? issuer->key : key);
  return Pki{std::move(key), std::move(cert)};
}

void write(const std::filesystem::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class StirApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = std::make_unique<TempDir>();
    const auto& dir = files_->path();
    stir_ca_ = std::make_unique<Pki>(issue("STIR test CA", {}, nullptr));
    signer_ = std::make_unique<Pki>(issue("SHAKEN signer", {}, stir_ca_.get()));
    const Pki x5u_tls = issue("localhost", {"localhost"}, stir_ca_.get(), std::vector<std::string>{"serverAuth"});
    client_ca_ = std::make_unique<Pki>(issue("STIR client CA", {}, nullptr));
    client_ = std::make_unique<Pki>(issue("sbc.example.test", {}, client_ca_.get(), std::vector<std::string>{"clientAuth"}));
    const Pki other_ca = issue("Other CA", {}, nullptr);
    stranger_ = std::make_unique<Pki>(issue("stranger", {}, &other_ca, std::vector<std::string>{"clientAuth"}));

    x5u_server_ = std::make_unique<X5uServer>(x5u_tls.cert.to_pem(), x5u_tls.key.to_pkcs8_pem(), signer_->cert.to_pem());
    x5u_ = "https://localhost:" + std::to_string(x5u_server_->port()) + "/stir/signer.pem";
    write(dir / "stir.key", signer_->key.to_pkcs8_pem());
    write(dir / "stir-ca.pem", stir_ca_->cert.to_pem());
    write(dir / "client-ca.pem", client_ca_->cert.to_pem());
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--stir-key", (dir / "stir.key").string(), "--stir-x5u", x5u_, "--stir-attest", "B",
        "--stir-trust-anchor", (dir / "stir-ca.pem").string(), "--stir-verify-host", "localhost",
        "--client-ca", "example.test=" + (dir / "client-ca.pem").string()});
    stir_token_ = create_token("sbc-1", "stir");
    admin_token_ = create_token("ops", "admin");
  }
  static void TearDownTestSuite() {
    // The server's log helps explain a failure.
    if (server_ && ::testing::UnitTest::GetInstance()->failed_test_count() > 0) {
      std::cerr << "credsvc serve log:\n" << server_->child().err() << "\n";
    }
    server_.reset();
    x5u_server_.reset();
    files_.reset();
  }

  static RunResult admin(std::vector<std::string> args) {
    std::vector<std::string> argv = {CREDSVC_BINARY, "admin", "--data-dir", server_->data_dir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
  static std::string create_token(const std::string& name, const std::string& scope) {
    const auto r = admin({"token", "create", name, "--scope", scope});
    if (r.exit_code != 0) throw std::runtime_error("token create failed: " + r.err);
    std::string token = r.out;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    return token;
  }
  static std::string token_id(const std::string& token) { return token.substr(4, token.find('_', 4) - 4); }

  static StirHttpsClientOptions client() {
    StirHttpsClientOptions o;
    o.port = server_->http_port();
    o.ca_pem = read_file(server_->ca_file());
    return o;
  }
  static StirHttpResponse post(const std::string& target, const std::string& body,
                               const std::optional<std::string>& token) {
    return stir_post(client(), target, body, token);
  }
  static std::string verification_body(const std::string& identity, const std::string& from = "12155551212",
                                       const std::string& to = "12155551213") {
    json::object req{{"from", json::object{{"tn", from}}},
                     {"to", json::object{{"tn", json::array{json::value(to)}}}},
                     {"time", now_s()},
                     {"identity", identity}};
    return json::serialize(json::object{{"verificationRequest", req}});
  }
  static json::value body_of(const StirHttpResponse& r) { return json::parse(r.body); }

  static inline std::unique_ptr<TempDir> files_;
  static inline std::unique_ptr<Pki> stir_ca_, signer_, client_ca_, client_, stranger_;
  static inline std::unique_ptr<X5uServer> x5u_server_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::string x5u_, stir_token_, admin_token_;
};

TEST_F(StirApi, SignThenVerifyRoundTrip) {
  const auto signed_r = post("/stir/v1/signing", kSign, stir_token_);
  ASSERT_EQ(signed_r.status, 200) << signed_r.body;
  EXPECT_EQ(signed_r.headers.at("content-type"), "application/json");
  const std::string identity(body_of(signed_r).at("signingResponse").at("identity").as_string());
  EXPECT_NE(identity.find(";info=<" + x5u_ + ">"), std::string::npos) << identity;
  EXPECT_NE(identity.find(";alg=ES256"), std::string::npos);
  EXPECT_NE(identity.find(";ppt=shaken"), std::string::npos);

  const int fetched_before = x5u_server_->requests();
  const auto verified = post("/stir/v1/verification", verification_body(identity), stir_token_);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(body_of(verified), json::parse(R"({"verificationResponse":{"verstat":"TN-Validation-Passed"}})"))
      << verified.body;
  EXPECT_GE(x5u_server_->requests(), fetched_before);  // fetched once, then cached
  EXPECT_GE(x5u_server_->requests(), 1);

  // The same PASSporT presented for another destination fails with 438.
  const auto wrong_to = post("/stir/v1/verification", verification_body(identity, "12155551212", "19995550000"),
                             stir_token_);
  ASSERT_EQ(wrong_to.status, 200) << wrong_to.body;
  const auto wrong_to_body = body_of(wrong_to);
  const auto& resp = wrong_to_body.at("verificationResponse");
  EXPECT_EQ(resp.at("verstat").as_string(), "TN-Validation-Failed");
  EXPECT_EQ(resp.at("reasoncode").as_int64(), 438);

  // A changed signature fails too.
  std::string tampered = identity;
  const auto sig_end = tampered.find(';');
  tampered[sig_end - 2] = tampered[sig_end - 2] == 'A' ? 'B' : 'A';
  const auto bad_sig = post("/stir/v1/verification", verification_body(tampered), stir_token_);
  EXPECT_EQ(body_of(bad_sig).at("verificationResponse").at("verstat").as_string(), "TN-Validation-Failed") << bad_sig.body;
}

TEST_F(StirApi, DefaultsApplyAndSecsipidxAcceptsTheSignature) {
  const auto r = post("/stir/v1/signing",
                      R"({"signingRequest":{"orig":{"tn":"+1 215 555 1212"},"dest":{"tn":["12155551213"]}}})",
                      stir_token_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string identity(body_of(r).at("signingResponse").at("identity").as_string());
  // The payload carries the server's --stir-attest, a fresh origid and iat.
  const std::string jws = identity.substr(0, identity.find(';'));
  const std::string payload_b64 = jws.substr(jws.find('.') + 1, jws.rfind('.') - jws.find('.') - 1);
  std::string b64 = payload_b64;
  for (auto& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (b64.size() % 4 != 0) b64 += '=';
  const auto decoded = run({"/bin/sh", "-c", "printf '%s' '" + b64 + "' | base64 -d"});
  ASSERT_EQ(decoded.exit_code, 0) << decoded.err;
  const auto payload = json::parse(decoded.out);
  EXPECT_EQ(payload.at("attest").as_string(), "B");
  EXPECT_EQ(payload.at("orig").at("tn").as_string(), "12155551212");
  EXPECT_EQ(payload.at("origid").as_string().size(), 36u);
  EXPECT_LE(std::abs(payload.at("iat").as_int64() - now_s()), 30);

  // Debian's secsipidx, with the signer's public key, accepts it.
  const auto& dir = files_->path();
  write(dir / "identity.txt", identity);
  write(dir / "signer.pem", signer_->cert.to_pem());
  const auto pub = run({"/usr/bin/openssl", "x509", "-in", (dir / "signer.pem").string(), "-pubkey", "-noout"});
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  write(dir / "pub.pem", pub.out);
  const auto check = run({CREDSVC_SECSIPIDX, "-check", "-expire", "60", "-fidentity", (dir / "identity.txt").string(),
                          "-fpubkey", (dir / "pub.pem").string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE((check.out + check.err).find("ok"), std::string::npos) << check.out << check.err;
}

TEST_F(StirApi, NoCredentialsIs401WithBearerChallenge) {
  for (const char* target : {"/stir/v1/signing", "/stir/v1/verification"}) {
    auto r = post(target, kSign, std::nullopt);
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(r.headers["www-authenticate"], "Bearer") << target;
    EXPECT_EQ(body_of(r).at("requestError").at("policyException").at("messageId").as_string(), "POL4050") << r.body;
  }
}

TEST_F(StirApi, WrongTokensAre401) {
  // Well formed, but no such token.
  const std::string unknown = "csv_aaaaaaaaaaaa_" + std::string(43, 'A');
  EXPECT_EQ(post("/stir/v1/signing", kSign, unknown).status, 401);
  // The right id with another secret.
  std::string wrong_secret = stir_token_;
  wrong_secret.back() = wrong_secret.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(post("/stir/v1/signing", kSign, wrong_secret).status, 401);
  // Not a token at all.
  auto junk = post("/stir/v1/signing", kSign, std::string("not-a-token"));
  EXPECT_EQ(junk.status, 401);
  EXPECT_EQ(junk.headers["www-authenticate"], "Bearer");
  // The server never logs tokens.
  EXPECT_EQ(server_->child().err().find(stir_token_), std::string::npos);
  EXPECT_EQ(server_->child().err().find(wrong_secret), std::string::npos);
}

TEST_F(StirApi, RevokedTokenIs401) {
  const std::string token = create_token("short-lived", "stir");
  ASSERT_EQ(post("/stir/v1/signing", kSign, token).status, 200);
  const auto revoked = admin({"token", "revoke", token_id(token)});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  // Valid tokens are cached for 2 s at most.
  std::this_thread::sleep_for(2500ms);
  const auto r = post("/stir/v1/signing", kSign, token);
  EXPECT_EQ(r.status, 401) << r.body;
  // And the list says so, without any secret.
  const auto list = admin({"token", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.find(token.substr(4 + 12 + 1)), std::string::npos);
  bool found = false;
  const auto tokens = json::parse(list.out);
  for (const auto& t : tokens.as_array()) {
    if (t.at("id").as_string() == token_id(token)) {
      found = true;
      EXPECT_TRUE(t.at("revoked_at").is_string());
      EXPECT_EQ(t.at("scope").as_string(), "stir");
    }
  }
  EXPECT_TRUE(found) << list.out;
}

TEST_F(StirApi, AdminScopeIsAccepted) {
  const auto r = post("/stir/v1/signing", kSign, admin_token_);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(StirApi, MalformedRequestsAre4xxJson) {
  const auto bad_json = post("/stir/v1/signing", "{\"signingRequest\":", stir_token_);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(body_of(bad_json).at("requestError").at("serviceException").at("messageId").as_string(), "SVC4003") << bad_json.body;

  const auto wrong_type = post("/stir/v1/signing",
                               R"({"signingRequest":{"orig":{"tn":12155551212},"dest":{"tn":["1"]}}})", stir_token_);
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(body_of(wrong_type).at("requestError").at("serviceException").at("variables").as_string(), "signingRequest.orig.tn");

  const auto missing = post("/stir/v1/verification", R"({"verificationRequest":{"from":{"tn":"1"},"to":{"tn":["2"]}}})",
                            stir_token_);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(body_of(missing).at("requestError").at("serviceException").at("messageId").as_string(), "SVC4001");

  const auto large = post("/stir/v1/signing", std::string(20 * 1024, ' '), stir_token_);
  EXPECT_EQ(large.status, 413);
  EXPECT_EQ(body_of(large).at("requestError").at("serviceException").at("messageId").as_string(), "SVC4005");

  const auto not_json = stir_post(client(), "/stir/v1/signing", kSign, stir_token_, "text/plain");
  EXPECT_EQ(not_json.status, 415);
}

TEST_F(StirApi, ClientCertificateFromTheConfiguredCaIsAccepted) {
  auto o = client();
  o.client_chain_pem = client_->cert.to_pem();
  o.client_key_pem = client_->key.to_pkcs8_pem();
  const auto r = stir_post(o, "/stir/v1/signing", kSign);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(StirApi, ClientCertificateFromAnotherCaIsRefused) {
  auto o = client();
  o.client_chain_pem = stranger_->cert.to_pem();
  o.client_key_pem = stranger_->key.to_pkcs8_pem();
  // The TLS handshake fails (TLS 1.3: on the first read), or the request is
  // unauthenticated: never a signature.
  std::optional<StirHttpResponse> r;
  try {
    r = stir_post(o, "/stir/v1/signing", kSign);
  } catch (const std::runtime_error&) {
  }
  if (r) {
    EXPECT_EQ(r->status, 401) << r->body;
  }
}

}  // namespace
}  // namespace credsvc::testing
