// The HTTPS admin API of a real `credsvc serve --db` over real HTTPS: the
// events tests' deployment (a fresh database on the test PostgreSQL with the
// domain example.test), the server started once for the suite with
// --admin-ca, API tokens made in the store, and a view of the database to
// prove that a refused call wrote nothing.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "child.hpp"
#include "db/store.hpp"
#include "deployment.hpp"
#include "http/http_message.hpp"
#include "server_process.hpp"

namespace credsvc::testing::admin_api {

struct Pki {
  certs::PrivateKey key;
  certs::Certificate cert;
  std::string chain_pem() const;  // the certificate then its issuer's, when it has one
  std::string key_pem() const { return key.to_pkcs8_pem(); }
  std::string issuer_pem;
};

// A CA (issuer null) or a leaf named `cn` (also SAN DNS); EC P-256 unless `key` is given.
Pki issue(const std::string& cn, const Pki* issuer, std::optional<certs::PrivateKey> key = std::nullopt,
          bool client = false);

// How a call authenticates: nothing, a bearer value, a client certificate.
struct Credentials {
  std::optional<std::string> bearer;  // the whole token text
  const Pki* certificate = nullptr;
};

struct ApiResponse {
  int status = 0;
  std::string body;
  http::Response raw;
  boost::json::value json() const;
  // error.code of an error body ("" otherwise).
  std::string code() const;
  // A header's value ("" when absent).
  std::string header(const std::string& name) const { return std::string(raw[name]); }
};

class AdminApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // One request on a new connection (SNI example.test); a body goes as
  // `content_type`. Throws when the exchange fails.
  static ApiResponse call(http::Verb verb, const std::string& target, const std::string& body,
                          const Credentials& credentials, const std::string& content_type = "application/json");
  // With the suite's admin token.
  static ApiResponse get(const std::string& target) { return call(http::Verb::get, target, {}, admin()); }
  static ApiResponse send(http::Verb verb, const std::string& target, const boost::json::value& body) {
    return call(verb, target, boost::json::serialize(body), admin());
  }
  static Credentials admin() { return Credentials{admin_token_, nullptr}; }

  // A new token in the store ("csv_<id>_<secret>") and its id.
  static std::string create_token(const std::string& name, const std::string& scope);
  static std::string token_id(const std::string& token) { return token.substr(4, token.find('_', 4) - 4); }

  // A digest of every row of every table: equal before and after a call
  // when the call wrote nothing (no change, no audit row).
  static std::string database_state();
  // Audit rows with this actor and action.
  static std::int64_t audit_count(const std::string& actor, const std::string& action);
  // The newest audit row of `action` about `subject` (an AOR or a domain):
  // {"actor":…,"detail":{…}}, or null.
  static boost::json::value last_audit(const std::string& action, const std::string& subject);

  // A user of example.test (added in the store) and its credential, valid
  // for `lifetime`, published until `publication`.
  static void add_user(const std::string& aor, const std::string& password) {
    deployment_->add_user(aor.substr(0, aor.find('@')), password);
  }
  static db::Credential publish(const std::string& aor, std::chrono::seconds lifetime,
                                std::chrono::seconds publication);

  static db::Store& store() { return deployment_->store(); }
  static ServerProcess& server() { return *server_; }

  static inline std::unique_ptr<TempDir> files_;
  static inline std::unique_ptr<events::Deployment> deployment_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::string ca_pem_;  // the domain's TLS CA
  static inline std::unique_ptr<Pki> admin_ca_, operator_, other_ca_, stranger_;
  static inline std::string admin_token_;
};

// Expects `r` to be a JSON error with `status` and `code`.
::testing::AssertionResult refused(const ApiResponse& r, int status, const std::string& code);

}  // namespace credsvc::testing::admin_api
