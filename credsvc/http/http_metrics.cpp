#include "http/http_metrics.hpp"

#include <string>

#include "metrics/registry.hpp"

namespace credsvc::http {

void count_request(Verb method, unsigned status) {
  static auto& requests = metrics::default_registry().counter(
      "credsvc_http_requests_total", "HTTPS requests answered, by method and status code", {"method", "code"});
  std::string name;
  switch (method) {
    case Verb::get: name = "GET"; break;
    case Verb::head: name = "HEAD"; break;
    case Verb::post: name = "POST"; break;
    case Verb::put: name = "PUT"; break;
    case Verb::delete_: name = "DELETE"; break;
    default: name = "other";
  }
  requests.with({name, std::to_string(status)}).inc();
}

}  // namespace credsvc::http
