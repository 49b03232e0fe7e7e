#include "db/child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "db/embedded_cluster.hpp"

namespace credsvc::db {
namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;

// Only async-signal-safe calls between fork and exec.
[[noreturn]] void child_fail(int fd, const char* what) {
  const char* err = std::strerror(errno);
  (void)!::write(fd, what, std::strlen(what));
  (void)!::write(fd, ": ", 2);
  (void)!::write(fd, err, std::strlen(err));
  (void)!::write(fd, "\n", 1);
  ::_exit(127);
}

}  // namespace

ChildResult run_child(const std::vector<std::string>& argv,
                      const std::optional<RunAs>& run_as,
                      const std::filesystem::path& cwd) {
  // Everything the child needs is prepared before fork.
  std::vector<std::string> env_store;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (std::strncmp(*e, "LC_ALL=", 7) != 0 && std::strncmp(*e, "PGDATA=", 7) != 0) {
      env_store.emplace_back(*e);
    }
  }
  env_store.emplace_back("LC_ALL=C");
  std::vector<char*> envp;
  for (auto& s : env_store) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_store = argv;
  std::vector<char*> args;
  for (auto& s : argv_store) args.push_back(s.data());
  args.push_back(nullptr);
  const std::string cwd_str = cwd.string();

  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    throw ClusterError(std::string("cannot create pipe: ") + std::strerror(errno));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw ClusterError(std::string("cannot fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    const int out = pipe_fds[1];
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    if (run_as) {
      if (::setgroups(0, nullptr) != 0) child_fail(STDERR_FILENO, "setgroups");
      if (::setgid(run_as->gid) != 0) child_fail(STDERR_FILENO, "setgid");
      if (::setuid(run_as->uid) != 0) child_fail(STDERR_FILENO, "setuid");
    }
    if (::chdir(cwd_str.c_str()) != 0) child_fail(STDERR_FILENO, cwd_str.c_str());
    ::execve(args[0], args.data(), envp.data());
    child_fail(STDERR_FILENO, args[0]);
  }
  ::close(pipe_fds[1]);
  ChildResult result;
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = ::read(pipe_fds[0], buf.data(), buf.size());
    if (n > 0) {
      if (result.output.size() < kMaxOutput) result.output.append(buf.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) break;
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::optional<RunAs> postgres_account() {
  if (::geteuid() != 0) return std::nullopt;
  std::array<char, 4096> buf{};
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwnam_r("postgres", &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    throw ClusterError(
        "running as root, but PostgreSQL refuses to run as root and there is no 'postgres' system "
        "user to run it as (install the postgresql package, or run credsvc as an ordinary user)");
  }
  return RunAs{pw.pw_uid, pw.pw_gid, "postgres"};
}

}  // namespace credsvc::db
