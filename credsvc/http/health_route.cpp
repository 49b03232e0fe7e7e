#include "http/health_route.hpp"

#include "http/json_response.hpp"

namespace credsvc::http {

void add_health_route(HttpsServer& server, std::function<bool()> healthy) {
  server.route(Verb::get, "/healthz", PathMatch::exact,
               [healthy = std::move(healthy)](const Request&, const RequestContext&, Responder responder) {
                 if (healthy && !healthy()) {
                   responder.send(make_json_response(Status::service_unavailable, R"({"status":"unavailable"})"));
                   return;
                 }
                 responder.send(make_json_response(Status::ok, R"({"status":"ok"})"));
               });
}

}  // namespace credsvc::http
