#include "uas/sip_metrics.hpp"

#include <string>

#include "metrics/registry.hpp"

namespace credsvc::uas {
namespace {

std::string method_label(const sip::Message& request) {
  return request.method() == sip::Method::Extension ? std::string("other") : std::string(request.method_name());
}

}  // namespace

void count_request(const sip::Message& request) {
  static auto& requests = metrics::default_registry().counter("credsvc_sip_requests_total",
                                                              "SIP requests received (retransmissions excluded)", {"method"});
  requests.with({method_label(request)}).inc();
}

void count_response(const sip::Message& request, std::string_view response) {
  static auto& responses = metrics::default_registry().counter(
      "credsvc_sip_responses_total", "SIP responses sent, by request method and status code", {"method", "code"});
  // "SIP/2.0 NNN ..." (RFC 3261 §7.2)
  constexpr std::string_view kVersion = "SIP/2.0 ";
  const std::string code = response.size() >= kVersion.size() + 3 && response.substr(0, kVersion.size()) == kVersion
                               ? std::string(response.substr(kVersion.size(), 3))
                               : std::string("unknown");
  responses.with({method_label(request), code}).inc();
}

void count_unparseable() {
  static auto& unparseable = metrics::default_registry().counter(
      "credsvc_sip_unparseable_total", "SIP messages that could not be parsed");
  unparseable.get().inc();
}

}  // namespace credsvc::uas
