// The real credsvc binary serving on the embedded default in a temporary
// directory (or on an existing database given with --db), on free loopback
// ports, stopped with SIGTERM at destruction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child.hpp"

namespace credsvc::testing {

struct ServerProcessOptions {
  // `credsvc serve --db URL` on a database prepared by the test (migrations,
  // domains, users) instead of the embedded default under a temporary
  // --data-dir; several processes may share one database.
  std::optional<std::string> db_url;
  // The CA of the domains' TLS certificates, for ca_file() (with db_url: the
  // test's own CA; the embedded default makes its own).
  std::optional<std::string> ca_file;
  // Go to `credsvc serve` (e.g. --domain, limits).
  std::vector<std::string> extra_args;
};

class ServerProcess {
 public:
  // `extra_args` go to `credsvc serve` (e.g. --domain, limits).
  explicit ServerProcess(std::vector<std::string> extra_args = {});
  explicit ServerProcess(ServerProcessOptions options);
  ~ServerProcess();

  unsigned short sip_port() const { return sip_port_; }
  unsigned short http_port() const { return http_port_; }
  std::string ca_file() const;
  const std::filesystem::path& data_dir() const { return data_; }
  Child& child() { return *child_; }
  // Ends the process at once with SIGKILL (no orderly shutdown, no COMMIT of
  // work in progress) and reaps it.
  void kill();

 private:
  TempDir temp_;
  std::filesystem::path data_;
  std::optional<std::string> ca_file_;
  std::unique_ptr<Child> child_;
  unsigned short sip_port_ = 0;
  unsigned short http_port_ = 0;
};

}  // namespace credsvc::testing
