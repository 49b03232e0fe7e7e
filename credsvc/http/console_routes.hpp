// The web console for administrators at /console/ (GET / leads there): the
// embedded files of console_assets.hpp, each with its media type, a strict
// Content-Security-Policy (nothing but this origin; no inline script or
// style), nosniff, no framing and no referrer. The console itself talks to
// the admin API (http/admin_routes.hpp) with the token its user gives.
#pragma once

#include "http/https_server.hpp"

namespace credsvc::http {

void add_console_routes(HttpsServer& server);

}  // namespace credsvc::http
