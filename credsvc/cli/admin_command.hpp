// `credsvc admin`: domains and users, on the same database as `serve`
// (--db, or the embedded default under --data-dir, started for the duration
// of the command when no server holds it).
#pragma once

namespace CLI {
class App;
}

namespace credsvc::cli {

void add_admin_command(CLI::App& app, int& exit_code);

}  // namespace credsvc::cli
