// `credsvc publish AOR`: PUBLISH a credential (RFC 3903, RFC 6072 §8.9) —
// a given certificate and key, or a fresh self-signed one (§10.6) — with
// Digest and SIP-If-Match; --revoke removes it.
#pragma once

namespace CLI {
class App;
}

namespace credsvc::cli {

// Registers the subcommand; its callback stores the exit code in `exit_code`.
void add_publish_command(CLI::App& app, int& exit_code);

}  // namespace credsvc::cli
