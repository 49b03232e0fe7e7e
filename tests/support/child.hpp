// Runs a program under test (the real credsvc binary) as a child process:
// output captured to files, input from a string, signals, waits with timeouts.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace credsvc::testing {

class Child {
 public:
  // Starts argv[0] with the remaining arguments. `stdin_text` is written to
  // its standard input, which is then closed. `run_as_user` (when we are
  // root) drops to that account first.
  Child(std::vector<std::string> argv, std::string stdin_text = {},
        std::optional<std::string> run_as_user = std::nullopt,
        std::vector<std::string> extra_env = {});
  ~Child();  // kills (SIGKILL) and reaps a child still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int signo);
  // Exit code, or 128+signal when killed; nullopt if still running at timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  bool running();
  // What it has written so far.
  std::string out() const;
  std::string err() const;
  // Waits until stderr or stdout contains `text`; false on timeout or exit.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::filesystem::path dir_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs to completion (timeout: killed, exit_code = -1).
RunResult run(std::vector<std::string> argv, std::string stdin_text = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(60),
              std::optional<std::string> run_as_user = std::nullopt);

// The whole file (binary-safe); empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A temporary directory removed at destruction; mode 0711 so a cluster run as
// `postgres` (when tests run as root) can pass through it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace credsvc::testing
