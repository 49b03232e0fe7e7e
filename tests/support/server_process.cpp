#include "server_process.hpp"

#include <signal.h>

#include <regex>
#include <stdexcept>

namespace credsvc::testing {
using namespace std::chrono_literals;

ServerProcess::ServerProcess(std::vector<std::string> extra_args) : data_(temp_.path() / "data") {
  std::vector<std::string> argv = {CREDSVC_BINARY, "serve",        "--data-dir",  data_.string(),
                                   "--sip-listen",  "127.0.0.1:0", "--http-listen", "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  child_ = std::make_unique<Child>(argv);
  if (!child_->wait_for_output("credsvc ready", 120s)) {
    throw std::runtime_error("credsvc serve did not start: " + child_->err());
  }
  std::smatch m;
  const std::string log = child_->err();
  if (!std::regex_search(log, m, std::regex("SIP over TLS listening on 127\\.0\\.0\\.1:([0-9]+)"))) {
    throw std::runtime_error("no SIP port in the log: " + log);
  }
  sip_port_ = static_cast<unsigned short>(std::stoi(m[1].str()));
  if (!std::regex_search(log, m, std::regex("HTTPS listening on 127\\.0\\.0\\.1:([0-9]+)"))) {
    throw std::runtime_error("no HTTPS port in the log: " + log);
  }
  http_port_ = static_cast<unsigned short>(std::stoi(m[1].str()));
}

ServerProcess::~ServerProcess() {
  child_->signal(SIGTERM);
  child_->wait(60s);
}

std::string ServerProcess::ca_file() const { return (data_ / "test-ca" / "ca.pem").string(); }

}  // namespace credsvc::testing
