#include "admin_api_fixture.hpp"

#include <boost/asio/use_future.hpp>
#include <chrono>
#include <fstream>

#include "certs/issue_certificate.hpp"
#include "https_test_client.hpp"

namespace credsvc::testing::admin_api {
namespace asio = boost::asio;
namespace json = boost::json;
using namespace std::chrono_literals;

std::string Pki::chain_pem() const { return cert.to_pem() + issuer_pem; }

Pki issue(const std::string& cn, const Pki* issuer, std::optional<certs::PrivateKey> key, bool client) {
  auto k = key ? *key : certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = cn;
  if (issuer != nullptr) req.san_dns = {cn};
  req.is_ca = issuer == nullptr;
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h * 30;
  if (client) req.extended_key_usage = std::vector<std::string>{"clientAuth"};
  auto cert = certs::issue_certificate(req, k, issuer ? &issuer->cert : nullptr, issuer ? issuer->key : k);
  return Pki{std::move(k), std::move(cert), issuer ? issuer->cert.to_pem() : std::string()};
}

json::value ApiResponse::json() const { return json::parse(body); }

std::string ApiResponse::code() const {
  boost::system::error_code ec;
  const auto v = json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error")) return {};
  return std::string(v.at("error").at("code").as_string());
}

::testing::AssertionResult refused(const ApiResponse& r, int status, const std::string& code) {
  if (r.status == status && r.code() == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << status << " " << code << ", got " << r.status << " "
                                       << r.body;
}

void AdminApi::SetUpTestSuite() {
  files_ = std::make_unique<TempDir>();
  deployment_ = std::make_unique<events::Deployment>();
  ca_pem_ = deployment_->ca_certificate().to_pem();
  admin_ca_ = std::make_unique<Pki>(issue("credsvc admin CA", nullptr));
  operator_ = std::make_unique<Pki>(issue("ops.example.test", admin_ca_.get(), std::nullopt, true));
  other_ca_ = std::make_unique<Pki>(issue("Other CA", nullptr));
  stranger_ = std::make_unique<Pki>(issue("stranger.example.test", other_ca_.get(), std::nullopt, true));
  const auto admin_ca_file = files_->path() / "admin-ca.pem";
  std::ofstream(admin_ca_file) << admin_ca_->cert.to_pem();
  server_ = deployment_->start_server({"--admin-ca", admin_ca_file.string()});
  admin_token_ = create_token("suite", "admin");
}

void AdminApi::TearDownTestSuite() {
  if (server_ && ::testing::UnitTest::GetInstance()->failed_test_count() > 0) {
    std::cerr << "credsvc serve log:\n" << server_->child().err() << "\n";
  }
  // With -DCREDSVC_SANITIZE=ON this is where a finding in the server shows.
  if (server_) {
    EXPECT_TRUE(events::stopped_cleanly(*server_));
  }
  server_.reset();
  deployment_.reset();
  files_.reset();
}

ApiResponse AdminApi::call(http::Verb verb, const std::string& target, const std::string& body,
                           const Credentials& credentials, const std::string& content_type) {
  HttpsClientOptions o;
  o.port = server_->http_port();
  o.ca_pem = ca_pem_;
  o.server_name = "example.test";
  if (credentials.certificate != nullptr) {
    o.client_chain_pem = credentials.certificate->chain_pem();
    o.client_key_pem = credentials.certificate->key_pem();
  }
  HttpsTestClient client(o);
  std::vector<std::pair<std::string, std::string>> headers;
  if (credentials.bearer) headers.emplace_back("Authorization", "Bearer " + *credentials.bearer);
  if (!body.empty()) headers.emplace_back("Content-Type", content_type);
  ApiResponse out;
  out.raw = client.request(verb, target, body, headers);
  out.status = out.raw.result_int();
  out.body = out.raw.body();
  return out;
}

std::string AdminApi::create_token(const std::string& name, const std::string& scope) {
  return store().async_create_api_token(name, scope, "test", asio::use_future).get().text;
}

std::string AdminApi::database_state() {
  return store().run_sync([](pqxx::work& tx) {
    return tx
        .exec("SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM ("
              " SELECT 'd' || d::text AS x FROM domains d UNION ALL SELECT 'u' || u::text FROM users u"
              " UNION ALL SELECT 'c' || c::text FROM credentials c UNION ALL SELECT 'r' || r::text FROM revoked_keys r"
              " UNION ALL SELECT 't' || t::text FROM api_tokens t UNION ALL SELECT 'a' || a::text FROM audit a) rows")[0][0]
        .as<std::string>();
  });
}

std::int64_t AdminApi::audit_count(const std::string& actor, const std::string& action) {
  return store().run_sync([actor, action](pqxx::work& tx) {
    return tx.exec_params("SELECT count(*) FROM audit WHERE actor = $1 AND action = $2", actor, action)[0][0]
        .as<std::int64_t>();
  });
}

json::value AdminApi::last_audit(const std::string& action, const std::string& subject) {
  const auto row = store().run_sync([action, subject](pqxx::work& tx) {
    const auto r = tx.exec_params(
        "SELECT actor, detail::text FROM audit WHERE action = $1 AND (aor = $2 OR domain = $2) ORDER BY id DESC LIMIT 1",
        action, subject);
    return r.empty() ? std::pair<std::string, std::string>() : std::pair(r[0][0].as<std::string>(), r[0][1].as<std::string>());
  });
  if (row.first.empty()) return nullptr;
  return json::object{{"actor", row.first}, {"detail", json::parse(row.second)}};
}

db::Credential AdminApi::publish(const std::string& aor, std::chrono::seconds lifetime,
                                 std::chrono::seconds publication) {
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = aor;
  req.san_uris = {"sip:" + aor};
  const auto now = std::chrono::system_clock::now();
  req.not_before = now - 1min;
  req.not_after = now + lifetime;
  const auto cert = certs::issue_certificate(req, key, nullptr, key);
  db::Credential c;
  c.aor = aor;
  const auto der = cert.to_der();
  c.certificate_der.assign(der.begin(), der.end());
  c.spki_sha256 = cert.spki_fingerprint_sha256();
  c.not_before = std::chrono::time_point_cast<std::chrono::seconds>(req.not_before);
  c.not_after = std::chrono::time_point_cast<std::chrono::seconds>(req.not_after);
  c.etag = "etag-" + c.spki_sha256.substr(0, 12);
  c.publication_expires = now + publication;
  return store().async_put_credential(c, "test", std::nullopt, asio::use_future).get();
}

}  // namespace credsvc::testing::admin_api
