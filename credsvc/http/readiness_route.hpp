// GET/HEAD /readyz: whether this instance should get traffic. 200 when every
// check passes, else 503; the body names each check:
//   {"status":"ready","checks":{"database":{"ok":true},"certificates":{"ok":true,"detail":"2 domains"}}}
// (/healthz only says the process runs; a load balancer wants /readyz.)
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http/https_server.hpp"

namespace credsvc::http {

struct ReadinessCheck {
  std::string name;
  bool ok = false;
  std::string detail;  // why not, or what was found; never a secret
};

using ReadinessProbe = std::function<boost::asio::awaitable<std::vector<ReadinessCheck>>()>;

// The body /readyz answers with; ready when `checks` is non-empty and all pass.
std::string readiness_json(const std::vector<ReadinessCheck>& checks, bool& ready);

void add_readiness_route(HttpsServer& server, ReadinessProbe probe);

}  // namespace credsvc::http
