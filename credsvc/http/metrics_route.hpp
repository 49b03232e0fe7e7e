// GET/HEAD /metrics: the process's metrics in the Prometheus text format
// (version 0.0.4). They hold counts, durations and domain names, nothing
// secret; an operator who wants them private filters the path at the edge.
#pragma once

#include "http/https_server.hpp"

namespace credsvc::http {

void add_metrics_route(HttpsServer& server);

}  // namespace credsvc::http
