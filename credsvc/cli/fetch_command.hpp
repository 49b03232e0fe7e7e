// `credsvc fetch AOR`: SUBSCRIBE to the certificate package (or, with
// --credential, the credential package with Digest), verify each NOTIFY per
// RFC 6072 §10.3, write the certificate (and key); --watch stays subscribed
// and prints each change.
#pragma once

namespace CLI {
class App;
}

namespace credsvc::cli {

// Registers the subcommand; its callback stores the exit code in `exit_code`.
void add_fetch_command(CLI::App& app, int& exit_code);

}  // namespace credsvc::cli
