#include "http/console_routes.hpp"

#include <string>

#include "http/console_assets.hpp"
#include "http/json_response.hpp"

namespace credsvc::http {

namespace {

constexpr const char* kRoot = "/console/";
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void secure(Response& response) {
  response.set("Content-Security-Policy", kPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
}

Response redirect(Status status, const char* location) {
  Response response{status, 11};
  response.set(beast_http::field::location, location);
  response.set(beast_http::field::cache_control, "no-store");
  secure(response);
  return response;
}

}  // namespace

void add_console_routes(HttpsServer& server) {
  server.route(Verb::get, "/", PathMatch::exact, [](const Request&, const RequestContext&, Responder responder) {
    responder.send(redirect(Status::found, kRoot));
  });
  server.route(Verb::get, "/console", PathMatch::exact, [](const Request&, const RequestContext&, Responder responder) {
    responder.send(redirect(Status::moved_permanently, kRoot));
  });
  server.route(Verb::get, kRoot, PathMatch::prefix,
               [](const Request&, const RequestContext& context, Responder responder) {
                 std::string_view name = context.path_rest;
                 if (name.empty()) name = "index.html";
                 for (const auto& asset : console_assets()) {
                   if (asset.name != name) continue;
                   Response response{Status::ok, 11};
                   response.set(beast_http::field::content_type, asset.content_type);
                   // Revalidated every time: a new binary's console is never mixed with an old one's.
                   response.set(beast_http::field::cache_control, "no-cache");
                   secure(response);
                   response.body() = std::string(asset.body);
                   responder.send(std::move(response));
                   return;
                 }
                 responder.send_error(Status::not_found, "not_found", "no console file " + std::string(name));
               });
}

}  // namespace credsvc::http
