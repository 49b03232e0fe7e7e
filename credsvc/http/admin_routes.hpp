// The HTTPS admin API, /api/v1 (docs/admin-api.md): the operations of
// `credsvc admin` as JSON in and out — domains (list, show, add, remove,
// certificate rotation), users (list, add, password, disable, enable),
// credentials (list by expiry, show, revoke), the audit log and API tokens.
// Callers authenticate with an admin-scope token or a certificate from an
// admin CA (http/admin_auth.hpp). Every call that succeeds is audited with
// its actor: changes by the store's own audit row, written in the same
// transaction, reads by an "api.read" row. A refused call changes nothing
// and answers {"error":{"code":…,"message":…}} with a stable code. Store
// work runs in the store's pool, never on the I/O threads; passwords, keys
// and tokens never reach the logs.
#pragma once

#include <chrono>
#include <memory>

#include "http/admin_auth.hpp"
#include "http/https_server.hpp"
#include "http/new_domain.hpp"

namespace credsvc::db {
class Store;
}

namespace credsvc::http {

struct AdminApiOptions {
  std::shared_ptr<const AdminAuthenticator> authenticator;
  // Issues certificates for POST /api/v1/domains {"test_ca": true}; empty
  // except on the embedded default (409 test_ca_unavailable then).
  TestCaIssuer test_ca;
  // GET /api/v1/credentials/{aor}: how long to wait for every running
  // instance's live subscriber counts (?live_wait_ms= overrides, ?live=false skips).
  std::chrono::milliseconds live_wait{2000};
};

// Registers the routes (before server.start()). `store` must outlive the
// server. Throws std::invalid_argument without an authenticator.
void add_admin_routes(HttpsServer& server, db::Store& store, AdminApiOptions options);

}  // namespace credsvc::http
