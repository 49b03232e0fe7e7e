#include "http/admin_routes.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "db/errors.hpp"
#include "http/admin_call.hpp"
#include "http/admin_names.hpp"
#include "http/admin_request.hpp"
#include "http/json_response.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr const char* kPrefix = "/api/v1";

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::vector<std::string> split_segments(const std::string& rest) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto slash = rest.find('/', start);
    out.push_back(rest.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) return out;
    start = slash + 1;
  }
}

// RFC 6750 §3: the challenge of a refused bearer request.
std::string bearer_challenge(const std::string& code) {
  std::string challenge = "Bearer realm=\"credsvc-admin\"";
  if (code == "invalid_token") challenge += ", error=\"invalid_token\"";
  if (code == "insufficient_scope") challenge += ", error=\"insufficient_scope\", scope=\"admin\"";
  return challenge;
}

Response error_response(const AdminError& e) {
  auto response = make_json_error(e.status(), e.code(), e.what());
  if (e.status() == Status::unauthorized || e.code() == "insufficient_scope") {
    response.set(beast_http::field::www_authenticate, bearer_challenge(e.code()));
  }
  return response;
}

// Authentication, the handler, and the one error shape for every refusal;
// store faults a handler did not expect still map to a precise status.
asio::awaitable<Response> serve_call(std::shared_ptr<AdminApi> api, AdminHandler handler, const Request& request,
                                     const RequestContext& context) {
  std::optional<Response> response;
  std::string actor = "-";
  try {
    // co_await results only ever initialise variables: g++ 12 mishandles
    // them as operands of a larger expression (an assignment included).
    const auto caller = co_await api->options.authenticator->authenticate(request, context);
    actor = caller.actor;
    const AdminCall call{request, context, caller.actor, split_segments(context.path_rest)};
    auto answer = co_await handler(*api, call);
    response.emplace(std::move(answer));
  } catch (const AdminError& e) {
    response = error_response(e);
  } catch (const db::Unavailable&) {
    response = make_json_error(Status::service_unavailable, "unavailable", "the database is unavailable; try again later");
    response->set(beast_http::field::retry_after, "5");
  } catch (const db::NotFound& e) {
    response = make_json_error(Status::not_found, "not_found", e.what());
  } catch (const db::Conflict& e) {
    response = make_json_error(Status::conflict, "conflict", e.what());
  } catch (const db::InvalidArgument& e) {
    response = make_json_error(Status::bad_request, "invalid_argument", e.what());
  } catch (const std::exception& e) {
    spdlog::error("admin API: {} {} failed: {}", view(request.method_string()), context.path, e.what());
    response = make_json_error(Status::internal_server_error, "internal_error", "the request failed");
  }
  response->set("X-Content-Type-Options", "nosniff");
  spdlog::info("admin API: {} {} {} -> {}", actor, view(request.method_string()), context.path,
               response->result_int());
  co_return std::move(*response);
}

// GET /api/v1/session: who the caller is, e.g. for the console's log-in.
asio::awaitable<Response> get_session(AdminApi& api, const AdminCall& call) {
  auto nothing = [](pqxx::work&) { return 0; };
  co_await audited_read(api, call, std::move(nothing));
  co_return admin_json_response(json::object{{"actor", call.actor}});
}

}  // namespace

const std::string& AdminCall::segment(std::size_t index, std::size_t count) const {
  if (segments.size() != count || segments.at(index).empty()) {
    throw AdminError(Status::not_found, "not_found", "no resource at " + context.path);
  }
  return segments[index];
}

void AdminRoutes::add(Verb verb, const std::string& path, PathMatch match, AdminHandler handler) {
  server_.route(verb, kPrefix + path, match,
                AwaitableHandler([api = api_, handler = std::move(handler)](const Request& r, const RequestContext& c) {
                  return serve_call(api, handler, r, c);
                }));
}

std::string admin_aor_input(const std::string& text) {
  try {
    return admin_aor(text);
  } catch (const std::invalid_argument& e) {
    throw AdminError(Status::bad_request, "invalid_aor", e.what());
  }
}

std::string domain_name_input(const std::string& text) {
  try {
    return normalise_domain_name(text);
  } catch (const std::invalid_argument& e) {
    throw AdminError(Status::bad_request, "invalid_domain_name", e.what());
  }
}

std::optional<std::string> domain_filter(const QueryParams& query) {
  const auto domain = query.get("domain");
  if (!domain) return std::nullopt;
  return domain_name_input(*domain);
}

Response admin_json_response(const json::value& body, Status status) {
  return make_json_response(status, json::serialize(body));
}

std::string read_audit_detail(const AdminCall& call) {
  return json::serialize(json::object{{"method", view(call.request.method_string())},
                                      {"path", call.context.path},
                                      {"query", call.context.query}});
}

void add_admin_routes(HttpsServer& server, db::Store& store, AdminApiOptions options) {
  if (!options.authenticator) throw std::invalid_argument("admin API: an authenticator is required");
  AdminRoutes routes(server, std::make_shared<AdminApi>(AdminApi{store, std::move(options)}));
  routes.add(Verb::get, "/session", PathMatch::exact, get_session);
  add_admin_domain_routes(routes);
  add_admin_user_routes(routes);
  add_admin_credential_routes(routes);
  add_admin_token_routes(routes);
}

}  // namespace credsvc::http
