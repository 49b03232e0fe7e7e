#include "db/embedded_cluster.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "db/child_process.hpp"

namespace credsvc::db {
namespace fs = std::filesystem;

namespace {

bool is_executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0; }

// Last non-empty lines of a program's output or log, for a one-line error.
std::string tail_lines(const std::string& text, std::size_t lines = 2) {
  std::vector<std::string> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) all.push_back(line);
  }
  std::string out;
  const std::size_t from = all.size() > lines ? all.size() - lines : 0;
  for (std::size_t i = from; i < all.size(); ++i) {
    if (!out.empty()) out += " | ";
    out += all[i];
  }
  return out;
}

std::string read_file_tail(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return tail_lines(ss.str(), 3);
}

std::string user_name(uid_t uid) {
  std::array<char, 4096> buf{};
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr) {
    return pw.pw_name;
  }
  return "uid " + std::to_string(uid);
}

// Creates `dir` (mode) if missing and hands it to the cluster's account.
void ensure_owned_dir(const fs::path& dir, mode_t mode, const std::optional<RunAs>& owner) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ClusterError("cannot create " + dir.string() + ": " + ec.message());
  if (owner && ::chown(dir.c_str(), owner->uid, owner->gid) != 0) {
    throw ClusterError("cannot hand " + dir.string() + " to user " + owner->name + ": " + std::strerror(errno));
  }
  if (::chmod(dir.c_str(), mode) != 0) {
    throw ClusterError("cannot set permissions on " + dir.string() + ": " + std::strerror(errno));
  }
}

}  // namespace

fs::path find_postgres_bin_dir() {
  const char* path = std::getenv("PATH");
  return find_postgres_bin_dir(path != nullptr ? path : "");
}

fs::path find_postgres_bin_dir(std::string_view path_env, const fs::path& lib_root) {
  {
    std::string_view rest = path_env;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const fs::path dir(std::string(rest.substr(0, colon)));
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
      if (!dir.empty() && is_executable(dir / "initdb") && is_executable(dir / "pg_ctl")) {
        // Resolve links so pg_ctl finds its `postgres` beside it.
        std::error_code ec;
        const auto real = fs::canonical(dir / "pg_ctl", ec);
        return ec ? dir : real.parent_path();
      }
    }
  }
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(lib_root, ec)) {
    const auto bin = entry.path() / "bin";
    if (is_executable(bin / "initdb") && is_executable(bin / "pg_ctl")) {
      const std::string ver = entry.path().filename().string();
      found.emplace_back(std::atoi(ver.c_str()), bin);
    }
  }
  if (found.empty()) {
    throw ClusterError(
        "PostgreSQL is not installed: initdb and pg_ctl were found neither on PATH nor under " +
        (lib_root / "*" / "bin").string() + " (install it with: apt-get install postgresql)");
  }
  std::sort(found.begin(), found.end());
  return found.back().second;
}

EmbeddedCluster::EmbeddedCluster(ClusterOptions options) : options_(std::move(options)) {
  if (options_.data_dir.empty()) throw ClusterError("no data directory given");
  options_.data_dir = fs::absolute(options_.data_dir).lexically_normal();
  bin_dir_ = options_.bin_dir.empty() ? find_postgres_bin_dir() : options_.bin_dir;
}

EmbeddedCluster::~EmbeddedCluster() {
  try {
    stop();
  } catch (...) {
    // A destructor must not throw; the cluster's own shutdown handles the rest.
  }
}

bool EmbeddedCluster::initialised() const {
  // No throw: an unreadable directory is reported by start() with its cause.
  std::error_code ec;
  return fs::exists(options_.data_dir / "pgdata" / "PG_VERSION", ec);
}

std::string EmbeddedCluster::connection_string() const {
  return "host=" + (options_.data_dir / "run").string() + " dbname=" + options_.database +
         " user=" + options_.superuser;
}

bool EmbeddedCluster::running() const {
  if (!initialised()) return false;
  const auto account = postgres_account();
  const auto r = run_child({(bin_dir_ / "pg_ctl").string(), "status", "-D", (options_.data_dir / "pgdata").string()},
                           account, options_.data_dir);
  return r.exit_code == 0;
}

bool EmbeddedCluster::start() {
  const auto account = postgres_account();
  const fs::path& dir = options_.data_dir;
  const fs::path pgdata = dir / "pgdata";
  const fs::path run_dir = dir / "run";
  const fs::path log_dir = dir / "log";

  // The socket path must fit in sockaddr_un.
  const std::string socket_path = (run_dir / ".s.PGSQL.5432").string();
  if (socket_path.size() >= sizeof(sockaddr_un::sun_path)) {
    throw ClusterError("data directory path is too long for a Unix socket (" + socket_path + "); choose a shorter --data-dir");
  }

  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) throw ClusterError("cannot create data directory " + dir.string() + ": " + ec.message());
    // As root the cluster's account must be able to pass through it.
    ::chmod(dir.c_str(), account ? 0711 : 0700);
  }
  struct stat st{};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw ClusterError("data directory " + dir.string() + " is not a directory");
  }
  if (!account && st.st_uid != ::geteuid()) {
    throw ClusterError("data directory " + dir.string() + " is owned by " + user_name(st.st_uid) +
                       ", not by " + user_name(::geteuid()) + " who runs credsvc");
  }
  if (!account && fs::exists(pgdata, ec)) {
    struct stat pst{};
    if (::stat(pgdata.c_str(), &pst) == 0 && pst.st_uid != ::geteuid()) {
      throw ClusterError("database cluster " + pgdata.string() + " is owned by " + user_name(pst.st_uid) +
                         ", not by " + user_name(::geteuid()) + " who runs credsvc");
    }
  }

  if (!initialised()) {
    // initdb into a scratch directory and rename, so a failed first run
    // leaves nothing that looks like a cluster.
    const fs::path scratch = dir / "pgdata.init";
    fs::remove_all(scratch, ec);
    ensure_owned_dir(scratch, 0700, account);
    std::vector<std::string> argv = {(bin_dir_ / "initdb").string(), "-D", scratch.string(),
                                     "-U", options_.superuser, "-E", "UTF8", "--locale=C",
                                     "--auth-local=trust", "--auth-host=reject"};
    if (options_.fast_for_tests) argv.emplace_back("--no-sync");
    const auto r = run_child(argv, account, dir);
    if (r.exit_code != 0) {
      fs::remove_all(scratch, ec);
      throw ClusterError("initdb failed in " + dir.string() + ": " + tail_lines(r.output));
    }
    // Unix socket only, reachable by the owner alone.
    std::ofstream conf(scratch / "postgresql.conf", std::ios::app);
    conf << "\n# credsvc embedded cluster\n"
         << "listen_addresses = ''\n"
         << "unix_socket_directories = '" << run_dir.string() << "'\n"
         << "unix_socket_permissions = 0700\n"
         << "max_connections = 200\n";
    if (options_.fast_for_tests) {
      conf << "fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n";
    }
    conf.close();
    if (!conf) throw ClusterError("cannot write " + (scratch / "postgresql.conf").string());
    fs::rename(scratch, pgdata, ec);
    if (ec) throw ClusterError("cannot move the new cluster into place: " + ec.message());
  }

  ensure_owned_dir(run_dir, 0700, account);
  ensure_owned_dir(log_dir, 0700, account);

  if (running()) {
    started_by_us_ = false;
  } else {
    const fs::path log = log_dir / "postgresql.log";
    const auto r = run_child({(bin_dir_ / "pg_ctl").string(), "start", "-D", pgdata.string(), "-w", "-t",
                              std::to_string(options_.timeout_seconds), "-l", log.string()},
                             account, dir);
    if (r.exit_code != 0) {
      throw ClusterError("PostgreSQL did not start in " + pgdata.string() + ": " + read_file_tail(log));
    }
    started_by_us_ = true;
  }

  // The database itself, created once.
  try {
    pqxx::connection admin("host=" + run_dir.string() + " dbname=postgres user=" + options_.superuser);
    pqxx::nontransaction tx(admin);
    const auto exists = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", options_.database);
    if (exists.empty()) tx.exec("CREATE DATABASE " + tx.quote_name(options_.database));
  } catch (const std::exception& e) {
    throw ClusterError(std::string("cannot prepare database ") + options_.database + ": " + tail_lines(e.what(), 1));
  }
  return started_by_us_;
}

void EmbeddedCluster::stop() {
  if (!started_by_us_) return;
  started_by_us_ = false;
  const auto account = postgres_account();
  const auto r = run_child({(bin_dir_ / "pg_ctl").string(), "stop", "-D", (options_.data_dir / "pgdata").string(),
                            "-m", "fast", "-w", "-t", std::to_string(options_.timeout_seconds)},
                           account, options_.data_dir);
  if (r.exit_code != 0) throw ClusterError("PostgreSQL did not stop cleanly: " + tail_lines(r.output));
}

}  // namespace credsvc::db
