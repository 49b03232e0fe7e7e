// /api/v1/domains: list, show, add with certificates, rotation, removal,
// and each refusal with its code and nothing written.
#include "admin_api_fixture.hpp"

namespace credsvc::testing::admin_api {
namespace {
namespace json = boost::json;
using http::Verb;

// Certified keys for a new domain, from a CA of the test's own.
struct DomainKeys {
  Pki ca = issue("Domain test CA", nullptr);
  Pki tls;
  Pki identity;
  explicit DomainKeys(const std::string& name)
      : tls(issue(name, &ca)), identity(issue(name, &ca, certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048))) {}
};

json::object domain_body(const std::string& name, const DomainKeys& k) {
  return json::object{{"name", name},
                      {"tls_chain", k.tls.chain_pem()},
                      {"tls_key", k.tls.key_pem()},
                      {"identity_chain", k.identity.chain_pem()},
                      {"identity_key", k.identity.key_pem()}};
}

TEST_F(AdminApi, DomainsAreListedAndShown) {
  const auto list = get("/api/v1/domains");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.header("cache-control"), "no-store");
  EXPECT_EQ(list.header("x-content-type-options"), "nosniff");
  bool found = false;
  const auto domains = list.json();
  for (const auto& d : domains.as_array()) found = found || d.at("name").as_string() == "example.test";
  EXPECT_TRUE(found) << list.body;

  const auto shown = get("/api/v1/domains/Example.TEST");
  ASSERT_EQ(shown.status, 200) << shown.body;
  const auto d = shown.json();
  EXPECT_EQ(d.at("name").as_string(), "example.test");
  EXPECT_EQ(d.at("tls").at("subject").as_string(), "CN=example.test");
  EXPECT_EQ(d.at("identity").at("key").as_string(), "RSA-2048");
  EXPECT_EQ(shown.body.find("PRIVATE KEY"), std::string::npos) << "keys never leave the store";

  const auto before = database_state();
  EXPECT_TRUE(refused(get("/api/v1/domains/unknown.test"), 404, "unknown_domain"));
  EXPECT_TRUE(refused(get("/api/v1/domains/bad_name"), 400, "invalid_domain_name"));
  EXPECT_TRUE(refused(get("/api/v1/domains/example.test/extra"), 404, "not_found"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, ADomainIsAddedWithItsCertificatesOnce) {
  const DomainKeys keys("added.test");
  auto body = domain_body("Added.TEST", keys);
  body["realm"] = "Added realm";
  const auto added = send(Verb::post, "/api/v1/domains", body);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json().at("name").as_string(), "added.test");
  EXPECT_EQ(added.json().at("realm").as_string(), "Added realm");
  EXPECT_EQ(added.json().at("tls").at("spki_sha256").as_string(), keys.tls.cert.spki_fingerprint_sha256());
  const auto stored = store().async_get_domain("added.test", boost::asio::use_future).get();
  ASSERT_TRUE(stored && stored->tls && stored->identity);
  EXPECT_EQ(stored->tls->chain_pem, keys.tls.chain_pem());
  EXPECT_EQ(last_audit("domain.add", "added.test").at("actor").as_string(), "token:" + token_id(admin_token_));

  const auto before = database_state();
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", domain_body("added.test", keys)), 409, "domain_exists"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, BadDomainInputIsRefusedAndWritesNothing) {
  const DomainKeys keys("refused.test");
  const Pki other = issue("refused.test", &keys.ca);
  // The good body with members replaced (null: removed).
  const auto with = [&](const json::object& changes) {
    auto body = domain_body("refused.test", keys);
    for (const auto& [k, v] : changes) {
      if (v.is_null()) {
        body.erase(k);
      } else {
        body[k] = v;
      }
    }
    return body;
  };
  const auto before = database_state();
  const auto post = [](const std::string& raw) { return call(Verb::post, "/api/v1/domains", raw, admin()); };
  EXPECT_TRUE(refused(post("{\"name\": \"refused.test\""), 400, "malformed_json"));
  EXPECT_TRUE(refused(post("[]"), 400, "malformed_json"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"name", nullptr}})), 400, "missing_field"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"name", "no_such name"}})), 400, "invalid_domain_name"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"colour", "red"}})), 400, "unknown_field"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains",
                           with({{"tls_chain", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}})),
                      400, "invalid_certificate"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"tls_key", "not a key"}})), 400, "invalid_key"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"tls_key", other.key_pem()}})), 400, "key_mismatch"));
  // An EC identity key cannot sign rsa-sha256 (RFC 4474).
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains",
                           with({{"identity_chain", keys.tls.chain_pem()}, {"identity_key", keys.tls.key_pem()}})),
                      400, "weak_identity_key"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", with({{"tls_key", nullptr}})), 400, "missing_field"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", json::object{{"name", "refused.test"}}), 400, "missing_field"));
  // This server runs on --db: no local test CA.
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/domains", json::object{{"name", "refused.test"}, {"test_ca", true}}),
                      409, "test_ca_unavailable"));
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/domains", "name=refused.test", admin(),
                           "application/x-www-form-urlencoded"),
                      415, "unsupported_media_type"));
  EXPECT_EQ(database_state(), before);
  EXPECT_FALSE(store().async_get_domain("refused.test", boost::asio::use_future).get());
}

TEST_F(AdminApi, CertificatesAreRotatedOneUseAtATime) {
  const DomainKeys keys("rotated.test");
  ASSERT_EQ(send(Verb::post, "/api/v1/domains", domain_body("rotated.test", keys)).status, 201);
  const Pki fresh = issue("rotated.test", &keys.ca);
  const auto rotated = send(Verb::put, "/api/v1/domains/rotated.test/certificates",
                            json::object{{"tls_chain", fresh.chain_pem()}, {"tls_key", fresh.key_pem()}});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  EXPECT_EQ(rotated.json().at("tls").at("spki_sha256").as_string(), fresh.cert.spki_fingerprint_sha256());
  EXPECT_EQ(rotated.json().at("identity").at("spki_sha256").as_string(),
            keys.identity.cert.spki_fingerprint_sha256());
  EXPECT_EQ(last_audit("domain.update", "rotated.test").at("actor").as_string(), "token:" + token_id(admin_token_));

  const auto before = database_state();
  const Pki stray = issue("rotated.test", &keys.ca);
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/domains/rotated.test/certificates",
                           json::object{{"tls_chain", fresh.chain_pem()}, {"tls_key", stray.key_pem()}}),
                      400, "key_mismatch"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/domains/rotated.test/certificates", json::object{}), 400,
                      "missing_field"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/domains/nowhere.test/certificates",
                           json::object{{"tls_chain", fresh.chain_pem()}, {"tls_key", fresh.key_pem()}}),
                      404, "unknown_domain"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/domains/rotated.test/keys", json::object{}), 404, "not_found"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, ADomainWithUsersGoesOnlyWithForce) {
  const DomainKeys keys("leaving.test");
  ASSERT_EQ(send(Verb::post, "/api/v1/domains", domain_body("leaving.test", keys)).status, 201);
  ASSERT_EQ(send(Verb::post, "/api/v1/users", json::object{{"aor", "u@leaving.test"}, {"password", "pw"}}).status, 201);

  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::delete_, "/api/v1/domains/leaving.test", {}, admin()), 409, "domain_has_users"));
  EXPECT_TRUE(refused(call(Verb::delete_, "/api/v1/domains/leaving.test?force=maybe", {}, admin()), 400,
                      "invalid_parameter"));
  EXPECT_TRUE(refused(call(Verb::delete_, "/api/v1/domains/gone.test", {}, admin()), 404, "unknown_domain"));
  EXPECT_EQ(database_state(), before);

  const auto removed = call(Verb::delete_, "/api/v1/domains/leaving.test?force=true", {}, admin());
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.json().at("removed").as_string(), "leaving.test");
  EXPECT_FALSE(store().async_get_domain("leaving.test", boost::asio::use_future).get());
  EXPECT_FALSE(store().async_get_user("u@leaving.test", boost::asio::use_future).get());
}

}  // namespace
}  // namespace credsvc::testing::admin_api
