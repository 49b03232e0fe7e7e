// /api/v1/tokens: create (the token text is in that answer only), list
// (never secrets), revoke. Tokens are stored hashed (db/token_table.hpp).
#include "db/errors.hpp"
#include "db/token_table.hpp"
#include "http/admin_call.hpp"
#include "http/admin_json.hpp"
#include "http/admin_request.hpp"

namespace credsvc::http {
namespace asio = boost::asio;

namespace {

asio::awaitable<Response> list_tokens(AdminApi& api, const AdminCall& call) {
  auto read = [](pqxx::work& tx) { return db::list_api_tokens(tx); };
  const auto tokens = co_await audited_read(api, call, std::move(read));
  co_return admin_json_list(tokens, api_token_json);
}

asio::awaitable<Response> create_token(AdminApi& api, const AdminCall& call) {
  const auto body = JsonBody::parse(call.request, {"name", "scope"});
  std::string name = body.required_string("name");
  std::string scope = body.required_string("scope");
  if (scope != "admin" && scope != "stir") {
    throw AdminError(Status::bad_request, "invalid_scope", "'scope' must be \"admin\" or \"stir\"");
  }
  try {
    const auto created =
        co_await api.store.async_create_api_token(std::move(name), std::move(scope), call.actor, asio::use_awaitable);
    auto out = api_token_json(created.token);
    out["token"] = created.text;  // shown this once
    co_return admin_json_response(out, Status::created);
  } catch (const db::InvalidArgument& e) {
    throw AdminError(Status::bad_request, "invalid_field", e.what());
  }
}

asio::awaitable<Response> revoke_token(AdminApi& api, const AdminCall& call) {
  std::string id = call.segment(0, 1);
  try {
    const auto revoked = co_await api.store.async_revoke_api_token(id, call.actor, asio::use_awaitable);
    co_return admin_json_response(api_token_json(revoked));
  } catch (const db::NotFound& e) {
    throw AdminError(Status::not_found, "unknown_token", e.what());
  } catch (const db::Conflict& e) {
    throw AdminError(Status::conflict, "token_revoked", e.what());
  }
}

}  // namespace

void add_admin_token_routes(AdminRoutes& routes) {
  routes.add(Verb::get, "/tokens", PathMatch::exact, list_tokens);
  routes.add(Verb::post, "/tokens", PathMatch::exact, create_token);
  routes.add(Verb::delete_, "/tokens/", PathMatch::prefix, revoke_token);
}

}  // namespace credsvc::http
