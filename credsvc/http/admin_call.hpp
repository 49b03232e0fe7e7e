// Internal to the admin API (http/admin_routes.hpp): what its handlers share
// — the store and options, one authenticated call, the registration that
// wraps every handler with authentication and the error answers, and the
// audited read.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <utility>
#include <vector>

#include "db/audit_log.hpp"
#include "db/store.hpp"
#include "http/admin_request.hpp"
#include "http/admin_routes.hpp"

namespace credsvc::http {

struct AdminApi {
  db::Store& store;
  AdminApiOptions options;
};

struct AdminCall {
  const Request& request;
  const RequestContext& context;
  std::string actor;                  // "token:<id>" or "cert:<subject>"
  std::vector<std::string> segments;  // a prefix route's rest, split at '/'

  // The segment at `index` when there are exactly `count`; else 404.
  const std::string& segment(std::size_t index, std::size_t count) const;
};

using AdminHandler = std::function<boost::asio::awaitable<Response>(AdminApi&, const AdminCall&)>;

class AdminRoutes {
 public:
  AdminRoutes(HttpsServer& server, std::shared_ptr<AdminApi> api) : server_(server), api_(std::move(api)) {}
  // `path` below /api/v1.
  void add(Verb verb, const std::string& path, PathMatch match, AdminHandler handler);

 private:
  HttpsServer& server_;
  std::shared_ptr<AdminApi> api_;
};

// An AOR or a domain name from a request, canonical; 400 invalid_aor or
// invalid_domain_name otherwise (http/admin_names.hpp).
std::string admin_aor_input(const std::string& text);
std::string domain_name_input(const std::string& text);
// The ?domain= filter of a listing, canonical; nullopt when absent.
std::optional<std::string> domain_filter(const QueryParams& query);

// 200 (or `status`) with `body` as JSON.
Response admin_json_response(const boost::json::value& body, Status status = Status::ok);

// 200 with the JSON array of `items`, each as `to_json` makes it.
template <typename Items, typename ToJson>
Response admin_json_list(const Items& items, ToJson to_json) {
  boost::json::array out;
  for (const auto& item : items) out.emplace_back(to_json(item));
  return admin_json_response(out);
}

// {"method":…,"path":…,"query":…} of an audited read.
std::string read_audit_detail(const AdminCall& call);

// Runs `read(tx)` and appends the call's "api.read" audit row in one
// transaction, in the store's pool; completes with what `read` returned.
// An AdminError thrown by `read` rolls the row back and reaches the caller.
//
// Handlers pass store jobs as named lambdas, moved in, never as lambda
// temporaries inside a co_await expression: g++ 12 destroys those twice.
// This is not a coroutine, so its own job is built outside any frame.
template <typename Read>
auto audited_read(AdminApi& api, const AdminCall& call, Read read, std::optional<std::string> aor = std::nullopt,
                  std::optional<std::string> domain = std::nullopt) {
  db::AuditEntry entry;
  entry.actor = call.actor;
  entry.action = "api.read";
  entry.aor = std::move(aor);
  entry.domain = std::move(domain);
  entry.detail = read_audit_detail(call);
  return api.store.async_run(
      [read = std::move(read), entry = std::move(entry)](pqxx::work& tx) mutable {
        auto value = read(tx);
        db::append_audit(tx, entry);
        return value;
      },
      boost::asio::use_awaitable);
}

// The resources (one file each).
void add_admin_domain_routes(AdminRoutes& routes);
void add_admin_user_routes(AdminRoutes& routes);
void add_admin_credential_routes(AdminRoutes& routes);
void add_admin_token_routes(AdminRoutes& routes);

}  // namespace credsvc::http
