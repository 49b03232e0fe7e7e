#include "http/readiness_route.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/json_response.hpp"

namespace credsvc::http {

std::string readiness_json(const std::vector<ReadinessCheck>& checks, bool& ready) {
  ready = !checks.empty();
  boost::json::object by_name;
  for (const auto& c : checks) {
    boost::json::object entry{{"ok", c.ok}};
    if (!c.detail.empty()) entry["detail"] = c.detail;
    by_name[c.name] = std::move(entry);
    ready = ready && c.ok;
  }
  return boost::json::serialize(boost::json::object{{"status", ready ? "ready" : "not_ready"}, {"checks", std::move(by_name)}});
}

void add_readiness_route(HttpsServer& server, ReadinessProbe probe) {
  server.route(Verb::get, "/readyz", PathMatch::exact,
               AwaitableHandler([probe = std::move(probe)](const Request&, const RequestContext&) -> boost::asio::awaitable<Response> {
                 const auto checks = co_await probe();
                 bool ready = false;
                 std::string body = readiness_json(checks, ready);
                 auto response = make_json_response(ready ? Status::ok : Status::service_unavailable, std::move(body));
                 response.set(beast_http::field::cache_control, "no-store");
                 co_return response;
               }));
}

}  // namespace credsvc::http
