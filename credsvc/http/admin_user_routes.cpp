// /api/v1/users: list (?domain=), add {aor, password}, a new password, and
// disable/enable. Only HA1 values are stored (http/user_password.hpp).
#include "db/domain_table.hpp"
#include "db/errors.hpp"
#include "db/user_table.hpp"
#include "http/admin_call.hpp"
#include "http/admin_json.hpp"
#include "http/admin_request.hpp"
#include "http/user_password.hpp"

namespace credsvc::http {
namespace asio = boost::asio;

namespace {

std::string domain_part(const std::string& aor) { return aor.substr(aor.find('@') + 1); }

AdminError unknown_user(const std::string& aor) {
  return AdminError(Status::not_found, "unknown_user", "user " + aor + " does not exist");
}

// The digest realm of the AOR's domain; `missing` when it is not hosted.
asio::awaitable<std::string> realm_of(AdminApi& api, const std::string& aor, const AdminError& missing) {
  const auto domain = co_await api.store.async_get_domain(domain_part(aor), asio::use_awaitable);
  if (!domain) throw missing;
  co_return domain->realm;
}

// Runs change(tx, aor, actor) and reads the user back, in one transaction;
// an unknown user is 404 unknown_user. Not a coroutine (see audited_read).
template <typename Change>
auto changed_user(AdminApi& api, const AdminCall& call, const std::string& aor, Change change) {
  return api.store.async_run(
      [aor, change = std::move(change), actor = call.actor](pqxx::work& tx) {
        try {
          change(tx, aor, actor);
        } catch (const db::NotFound&) {
          throw unknown_user(aor);
        }
        return db::get_user(tx, aor).value();
      },
      asio::use_awaitable);
}

asio::awaitable<Response> list_users(AdminApi& api, const AdminCall& call) {
  const auto filter = domain_filter(QueryParams::parse(call.context.query, {"domain"}));
  auto read = [filter](pqxx::work& tx) { return db::list_users(tx, filter); };
  const auto users = co_await audited_read(api, call, std::move(read), std::nullopt, filter);
  co_return admin_json_list(users, user_json);
}

asio::awaitable<Response> add_user(AdminApi& api, const AdminCall& call) {
  const auto body = JsonBody::parse(call.request, {"aor", "password"});
  db::User user;
  user.aor = admin_aor_input(body.required_string("aor"));
  user.domain = domain_part(user.aor);
  std::string password = body.required_string("password");
  const AdminError no_domain(Status::not_found, "unknown_domain", "domain " + user.domain + " is not hosted here");
  const std::string realm = co_await realm_of(api, user.aor, no_domain);
  user.ha1 = password_hashes(user.aor, realm, password);
  try {
    const auto added = co_await api.store.async_add_user(std::move(user), call.actor, asio::use_awaitable);
    co_return admin_json_response(user_json(added), Status::created);
  } catch (const db::Conflict& e) {
    throw AdminError(Status::conflict, "user_exists", e.what());
  } catch (const db::NotFound&) {
    throw no_domain;  // removed meanwhile
  }
}

asio::awaitable<Response> set_password(AdminApi& api, const AdminCall& call) {
  const std::string aor = admin_aor_input(call.segment(0, 2));
  if (call.segments[1] != "password") throw AdminError(Status::not_found, "not_found", "no resource at " + call.context.path);
  const auto body = JsonBody::parse(call.request, {"password"});
  std::string password = body.required_string("password");
  // A user exists only in a hosted domain.
  const std::string realm = co_await realm_of(api, aor, unknown_user(aor));
  // Also ends the user's credential subscriptions, on every instance (RFC 6072 §8).
  auto change = [ha1 = password_hashes(aor, realm, password)](pqxx::work& tx, const std::string& user,
                                                              const std::string& actor) {
    db::set_password_hashes(tx, user, ha1, actor);
  };
  const auto changed = co_await changed_user(api, call, aor, std::move(change));
  co_return admin_json_response(user_json(changed));
}

// POST /users/{aor}/disable and /users/{aor}/enable.
asio::awaitable<Response> set_enabled(AdminApi& api, const AdminCall& call) {
  const std::string aor = admin_aor_input(call.segment(0, 2));
  const std::string& verb = call.segments[1];
  if (verb != "disable" && verb != "enable") {
    throw AdminError(Status::not_found, "not_found", "no resource at " + call.context.path);
  }
  auto change = [enabled = verb == "enable"](pqxx::work& tx, const std::string& user, const std::string& actor) {
    db::set_user_enabled(tx, user, enabled, actor);
  };
  const auto changed = co_await changed_user(api, call, aor, std::move(change));
  co_return admin_json_response(user_json(changed));
}

}  // namespace

void add_admin_user_routes(AdminRoutes& routes) {
  routes.add(Verb::get, "/users", PathMatch::exact, list_users);
  routes.add(Verb::post, "/users", PathMatch::exact, add_user);
  routes.add(Verb::put, "/users/", PathMatch::prefix, set_password);
  routes.add(Verb::post, "/users/", PathMatch::prefix, set_enabled);
}

}  // namespace credsvc::http
