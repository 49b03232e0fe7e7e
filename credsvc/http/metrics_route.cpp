#include "http/metrics_route.hpp"

#include "metrics/registry.hpp"

namespace credsvc::http {

void add_metrics_route(HttpsServer& server) {
  server.route(Verb::get, "/metrics", PathMatch::exact, [](const Request&, const RequestContext&, Responder responder) {
    Response response{Status::ok, 11};
    response.set(beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.set(beast_http::field::cache_control, "no-store");
    response.body() = metrics::default_registry().render();
    responder.send(std::move(response));
  });
}

}  // namespace credsvc::http
