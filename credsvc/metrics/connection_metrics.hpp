// TLS handshakes and open connections, by listener ("sip", "https") and by
// the domain whose certificate the handshake chose (issue: observability).
#pragma once

#include <string>
#include <string_view>

#include "metrics/metric.hpp"

namespace credsvc::metrics {

// result: "ok", "failed" or "timeout". `domain` is empty when the handshake
// failed before one was chosen.
void count_handshake(std::string_view listener, const std::string& domain, std::string_view result);

// Counts one open connection while held; the count drops at release() or
// destruction, whichever comes first.
class OpenConnection {
 public:
  OpenConnection() = default;
  ~OpenConnection() { release(); }
  OpenConnection(const OpenConnection&) = delete;
  OpenConnection& operator=(const OpenConnection&) = delete;

  void hold(std::string_view listener, const std::string& domain);
  void release() noexcept;

 private:
  Gauge* gauge_ = nullptr;
};

}  // namespace credsvc::metrics
