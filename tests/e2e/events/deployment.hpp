// One credsvc deployment for the tests: a fresh database on the test
// PostgreSQL with the schema, the domain example.test (TLS and identity
// certificates from a test CA made here) and its users, and as many
// `credsvc serve --db` processes on it as a test starts.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "child.hpp"
#include "db/records.hpp"
#include "db/store.hpp"
#include "server_process.hpp"

namespace credsvc::testing::events {

class Deployment {
 public:
  Deployment();
  ~Deployment();

  const std::string& conninfo() const { return conninfo_; }
  db::Store& store() { return *store_; }
  std::string ca_file() const;
  const certs::Certificate& ca_certificate() const { return ca_certificate_; }

  // `name`@example.test with Digest HA1s for `password` (realm example.test).
  void add_user(const std::string& name, const std::string& password);
  void change_password(const std::string& name, const std::string& password);

  // `credsvc serve --db` on this database with `flags`.
  std::unique_ptr<ServerProcess> start_server(std::vector<std::string> flags) const;

  // What the database holds now.
  std::optional<db::Credential> credential(const std::string& aor);
  std::int64_t audit_rows(const std::string& aor);

 private:
  TempDir temp_;
  std::string conninfo_;
  std::unique_ptr<db::Store> store_;
  certs::Certificate ca_certificate_;
};

// Stops `server` with SIGTERM and checks that it shut down cleanly: exit
// code 0 and no sanitizer report (with -DCREDSVC_SANITIZE=ON a leak or
// other finding in the server process would otherwise go unseen).
::testing::AssertionResult stopped_cleanly(ServerProcess& server);

}  // namespace credsvc::testing::events
