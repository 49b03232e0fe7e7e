// Runs a helper program (initdb, pg_ctl) to completion, optionally as another
// system user: PostgreSQL refuses to run as root, so as root we drop to the
// unprivileged `postgres` account the Debian package creates.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace credsvc::db {

struct RunAs {
  uid_t uid;
  gid_t gid;
  std::string name;
};

struct ChildResult {
  int exit_code = -1;   // -1 when killed by a signal
  std::string output;   // stdout and stderr, interleaved, capped
};

// argv[0] is the program path. The child gets stdin from /dev/null, the
// parent's environment plus LC_ALL=C, and its signal mask cleared.
// `cwd` is where the child starts (it must be reachable by `run_as`).
ChildResult run_child(const std::vector<std::string>& argv,
                      const std::optional<RunAs>& run_as,
                      const std::filesystem::path& cwd);

// The account to run PostgreSQL as: nullopt when not root (run as ourselves),
// the `postgres` user when root; throws ClusterError when root and there is none.
std::optional<RunAs> postgres_account();

}  // namespace credsvc::db
