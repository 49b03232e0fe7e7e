#include "server_process.hpp"

#include <signal.h>

#include <regex>
#include <stdexcept>

namespace credsvc::testing {
using namespace std::chrono_literals;

ServerProcess::ServerProcess(std::vector<std::string> extra_args)
    : ServerProcess(ServerProcessOptions{std::nullopt, std::nullopt, std::move(extra_args)}) {}

ServerProcess::ServerProcess(ServerProcessOptions options)
    : data_(temp_.path() / "data"), ca_file_(std::move(options.ca_file)) {
  std::vector<std::string> argv = {CREDSVC_BINARY, "serve"};
  if (options.db_url) {
    argv.insert(argv.end(), {"--db", *options.db_url});
  } else {
    argv.insert(argv.end(), {"--data-dir", data_.string()});
  }
  argv.insert(argv.end(), {"--sip-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"});
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
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

void ServerProcess::kill() {
  child_->signal(SIGKILL);
  child_->wait(60s);
}

std::string ServerProcess::ca_file() const {
  return ca_file_ ? *ca_file_ : (data_ / "test-ca" / "ca.pem").string();
}

}  // namespace credsvc::testing
