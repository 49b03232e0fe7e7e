// `credsvc admin show AOR | revoke AOR [--reason TEXT] | audit [AOR] [--since T]`:
// what is stored for an address, revoking its key (every running instance
// tells its subscribers, through the database's change notifications), and
// the audit trail.
#pragma once

#include <memory>

#include "cli/admin_session.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

void add_admin_credential_commands(CLI::App& admin, const std::shared_ptr<AdminOptions>& options, int& exit_code);

}  // namespace credsvc::cli
