// GET/HEAD /healthz: 200 {"status":"ok"} while the process serves, or 503
// {"status":"unavailable"} when `healthy` (if given) says otherwise.
#pragma once

#include <functional>

#include "http/https_server.hpp"

namespace credsvc::http {

void add_health_route(HttpsServer& server, std::function<bool()> healthy = {});

}  // namespace credsvc::http
