// `credsvc admin token create NAME --scope stir|admin | list [--json] | revoke ID`:
// API tokens for the HTTPS APIs, stored hashed (db/token_table.hpp). The
// token text is printed once, by create, on standard output.
#pragma once

#include <memory>

#include "cli/admin_session.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

void add_admin_token_commands(CLI::App& admin, const std::shared_ptr<AdminOptions>& options, int& exit_code);

}  // namespace credsvc::cli
