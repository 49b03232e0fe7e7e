#include "metrics/connection_metrics.hpp"

#include "metrics/registry.hpp"

namespace credsvc::metrics {
namespace {

Family<Counter>& handshakes() {
  static auto& f = default_registry().counter("credsvc_tls_handshakes_total", "TLS handshakes by listener, domain and result",
                                              {"listener", "domain", "result"});
  return f;
}

Family<Gauge>& open_connections() {
  static auto& f =
      default_registry().gauge("credsvc_open_connections", "open TLS connections by listener and domain", {"listener", "domain"});
  return f;
}

}  // namespace

void count_handshake(std::string_view listener, const std::string& domain, std::string_view result) {
  handshakes().with({std::string(listener), domain, std::string(result)}).inc();
}

void OpenConnection::hold(std::string_view listener, const std::string& domain) {
  release();
  gauge_ = &open_connections().with({std::string(listener), domain});
  gauge_->add(1);
}

void OpenConnection::release() noexcept {
  if (gauge_ != nullptr) {
    gauge_->add(-1);
    gauge_ = nullptr;
  }
}

}  // namespace credsvc::metrics
