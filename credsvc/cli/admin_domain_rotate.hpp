// `credsvc admin domain rotate NAME`: new TLS and/or identity certificates
// for a hosted domain. Every running instance takes them within a second
// (change notifications) for new handshakes and new signatures.
#pragma once

#include <memory>

#include "cli/admin_session.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

// Registers `rotate` under the `domain` subcommand.
void add_domain_rotate_command(CLI::App& domain, const std::shared_ptr<AdminOptions>& o, int& exit_code);

}  // namespace credsvc::cli
