// /api/v1/credentials: every stored credential with its status, the soonest
// to lapse first, then the revoked keys; one address in full; revocation.
// /api/v1/audit: the audit log, newest first, by AOR and time.
#include <boost/json/array.hpp>
#include <chrono>

#include "db/credential_table.hpp"
#include "db/user_table.hpp"
#include "http/address_view.hpp"
#include "http/admin_call.hpp"
#include "http/admin_json.hpp"
#include "http/admin_request.hpp"
#include "http/time_format.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::size_t kDefaultListing = 500;
constexpr std::size_t kMaxListing = 10'000;
constexpr std::size_t kDefaultAudit = 100;
constexpr std::size_t kMaxAudit = 100'000;
constexpr std::size_t kMaxLiveWaitMs = 10'000;
constexpr const char* kDefaultReason = "revoked by an administrator";

struct Listing {
  std::vector<db::ListedCredential> current;
  std::vector<db::RevokedKey> revoked;
};

asio::awaitable<Response> list_credentials(AdminApi& api, const AdminCall& call) {
  const auto query = QueryParams::parse(call.context.query, {"domain", "limit"});
  const auto domain = domain_filter(query);
  const std::size_t limit = query.count("limit", kDefaultListing, kMaxListing);
  auto read = [domain, limit](pqxx::work& tx) {
    return Listing{db::list_credentials(tx, domain, limit), db::list_revoked_keys(tx, std::nullopt)};
  };
  const auto listing = co_await audited_read(api, call, std::move(read), std::nullopt, domain);
  const auto now = std::chrono::system_clock::now();
  json::array out;
  for (const auto& c : listing.current) out.emplace_back(listed_credential_json(c, now));
  std::size_t revoked = 0;
  for (const auto& r : listing.revoked) {
    if (revoked == limit) break;
    if (domain && r.aor.substr(r.aor.find('@') + 1) != *domain) continue;
    out.emplace_back(listed_revoked_key_json(r));
    ++revoked;
  }
  co_return admin_json_response(out);
}

asio::awaitable<Response> get_credential(AdminApi& api, const AdminCall& call) {
  const std::string aor = admin_aor_input(call.segment(0, 1));
  const auto query = QueryParams::parse(call.context.query, {"live", "live_wait_ms"});
  const bool live = query.flag("live", true);
  const auto wait = std::chrono::milliseconds(
      query.count("live_wait_ms", static_cast<std::size_t>(api.options.live_wait.count()), kMaxLiveWaitMs));
  // Thrown inside the transaction: a refused read leaves no audit row.
  auto read = [aor](pqxx::work& tx) {
    auto view = read_address(tx, aor);
    if (view.unknown()) throw AdminError(Status::not_found, "unknown_user", "no user " + aor);
    return view;
  };
  const auto view = co_await audited_read(api, call, std::move(read), aor);
  auto out = address_json(aor, view);
  out["live_subscribers"] = nullptr;
  if (live) {
    const auto counts = co_await api.store.async_live_subscribers(aor, wait, asio::use_awaitable);
    out["live_subscribers"] = live_subscribers_json(counts);
  }
  co_return admin_json_response(out);
}

struct Revocation {
  bool user = false;
  std::optional<db::Credential> revoked;
};

// Every running instance tells the address's subscribers, as for an empty
// PUBLISH (RFC 6072 §8.10), through the database's change notifications.
asio::awaitable<Response> revoke(AdminApi& api, const AdminCall& call) {
  const std::string aor = admin_aor_input(call.segment(0, 2));
  if (call.segments[1] != "revoke") throw AdminError(Status::not_found, "not_found", "no resource at " + call.context.path);
  std::string reason = kDefaultReason;
  if (!call.request.body().empty()) {
    reason = JsonBody::parse(call.request, {"reason"}).optional_string("reason").value_or(kDefaultReason);
  }
  auto job = [aor, reason, actor = call.actor](pqxx::work& tx) {
    Revocation r;
    r.user = db::get_user(tx, aor).has_value();
    r.revoked = db::revoke_credential(tx, aor, reason, actor);
    return r;
  };
  const auto outcome = co_await api.store.async_run(std::move(job), asio::use_awaitable);
  if (!outcome.revoked) {
    if (!outcome.user) throw AdminError(Status::not_found, "unknown_user", "no user " + aor);
    throw AdminError(Status::not_found, "no_credential", "no credential stored for " + aor);
  }
  co_return admin_json_response(json::object{{"aor", aor},
                                             {"status", "revoked"},
                                             {"spki_sha256", outcome.revoked->spki_sha256},
                                             {"reason", reason},
                                             {"revoked_by", call.actor}});
}

asio::awaitable<Response> list_audit(AdminApi& api, const AdminCall& call) {
  const auto query = QueryParams::parse(call.context.query, {"aor", "since", "limit"});
  std::optional<std::string> aor;
  if (const auto text = query.get("aor")) aor = admin_aor_input(*text);
  std::optional<db::TimePoint> since;
  if (const auto text = query.get("since")) {
    try {
      since = parse_since(*text, std::chrono::system_clock::now());
    } catch (const std::invalid_argument& e) {
      throw AdminError(Status::bad_request, "invalid_since", e.what());
    }
  }
  const std::size_t limit = query.count("limit", kDefaultAudit, kMaxAudit);
  auto read = [aor, since, limit](pqxx::work& tx) { return db::list_audit(tx, aor, since, limit); };
  const auto entries = co_await audited_read(api, call, std::move(read), aor);
  co_return admin_json_list(entries, audit_entry_json);
}

}  // namespace

void add_admin_credential_routes(AdminRoutes& routes) {
  routes.add(Verb::get, "/credentials", PathMatch::exact, list_credentials);
  routes.add(Verb::get, "/credentials/", PathMatch::prefix, get_credential);
  routes.add(Verb::post, "/credentials/", PathMatch::prefix, revoke);
  routes.add(Verb::get, "/audit", PathMatch::exact, list_audit);
}

}  // namespace credsvc::http
