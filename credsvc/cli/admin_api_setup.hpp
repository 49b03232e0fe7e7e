// `credsvc serve`: the HTTPS admin API (http/admin_routes.hpp) and its web
// console (http/console_routes.hpp) from the serve options. The API is
// always on; callers need an admin-scope token, or a client certificate
// from the CAs of --admin-ca. --no-console leaves the console out.
#pragma once

#include "cli/database_target.hpp"
#include "cli/serve_command.hpp"
#include "db/store.hpp"
#include "http/https_server.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

// Adds --admin-ca and --console/--no-console to `serve`.
void add_admin_api_options(CLI::App& serve, ServeOptions& options);

// Registers the routes on `https` (before it starts) and, with --admin-ca,
// has it ask clients for certificates. On the embedded default, POST
// /api/v1/domains {"test_ca": true} issues from the local test CA. Throws
// std::runtime_error naming a bad --admin-ca file.
void setup_admin_api(http::HttpsServer& https, db::Store& store, const DatabaseTarget& target,
                     const ServeOptions& options);

}  // namespace credsvc::cli
