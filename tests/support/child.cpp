#include "child.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace credsvc::testing {
namespace fs = std::filesystem;

namespace {

fs::path make_temp_dir(const char* prefix) {
  std::string tmpl = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  ::chmod(tmpl.c_str(), 0711);
  return tmpl;
}

}  // namespace

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TempDir::TempDir() : path_(make_temp_dir("credsvc-test-")) {}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Child::Child(std::vector<std::string> argv, std::string stdin_text, std::optional<std::string> run_as_user,
             std::vector<std::string> extra_env)
    : dir_(make_temp_dir("credsvc-child-")) {
  std::optional<std::pair<uid_t, gid_t>> ids;
  if (run_as_user) {
    const passwd* pw = ::getpwnam(run_as_user->c_str());
    if (pw == nullptr) throw std::runtime_error("no such user " + *run_as_user);
    ids = std::make_pair(pw->pw_uid, pw->pw_gid);
    ::chmod(dir_.c_str(), 0777);
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; *e != nullptr; ++e) env_store.emplace_back(*e);
  for (auto& e : extra_env) env_store.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out_path = (dir_ / "out").string();
  const std::string err_path = (dir_ / "err").string();
  std::array<int, 2> in_pipe{};
  if (::pipe2(in_pipe.data(), O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);  // own process group: a terminal's SIGINT is ours to send
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(in_pipe[0], STDIN_FILENO);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (ids) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(ids->second) != 0 || ::setuid(ids->first) != 0) ::_exit(126);
    }
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  const char* p = stdin_text.data();
  std::size_t left = stdin_text.size();
  while (left > 0) {
    const ssize_t n = ::write(in_pipe[1], p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(in_pipe[1]);
}

Child::~Child() {
  if (!status_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int st = 0;
    ::waitpid(pid_, &st, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void Child::signal(int signo) {
  if (!status_) ::kill(pid_, signo);
}

std::optional<int> Child::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!status_) {
    int st = 0;
    const pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return status_;
}

bool Child::running() { return !wait(std::chrono::milliseconds(0)).has_value(); }

std::string Child::out() const { return read_file(dir_ / "out"); }
std::string Child::err() const { return read_file(dir_ / "err"); }

bool Child::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (err().find(text) != std::string::npos || out().find(text) != std::string::npos) return true;
    if (!running() || std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

RunResult run(std::vector<std::string> argv, std::string stdin_text, std::chrono::milliseconds timeout,
              std::optional<std::string> run_as_user) {
  Child child(std::move(argv), std::move(stdin_text), std::move(run_as_user));
  RunResult result;
  const auto code = child.wait(timeout);
  result.exit_code = code.value_or(-1);
  result.out = child.out();
  result.err = child.err();
  return result;
}

}  // namespace credsvc::testing
