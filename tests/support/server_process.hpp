// The real credsvc binary serving on the embedded default in a temporary
// directory, on a free loopback port, stopped with SIGTERM at destruction.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "child.hpp"

namespace credsvc::testing {

class ServerProcess {
 public:
  // `extra_args` go to `credsvc serve` (e.g. --domain, limits).
  explicit ServerProcess(std::vector<std::string> extra_args = {});
  ~ServerProcess();

  unsigned short sip_port() const { return sip_port_; }
  unsigned short http_port() const { return http_port_; }
  std::string ca_file() const;
  const std::filesystem::path& data_dir() const { return data_; }
  Child& child() { return *child_; }

 private:
  TempDir temp_;
  std::filesystem::path data_;
  std::unique_ptr<Child> child_;
  unsigned short sip_port_ = 0;
  unsigned short http_port_ = 0;
};

}  // namespace credsvc::testing
