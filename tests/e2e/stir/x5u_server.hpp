// A tiny HTTPS server on 127.0.0.1 that answers every request with one PEM
// body: where the STIR signer's certificate (x5u) lives in the tests.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace credsvc::testing {

class X5uServer {
 public:
  // `chain_pem`/`key_pem`: its TLS certificate and key; `body`: what it serves.
  X5uServer(const std::string& chain_pem, const std::string& key_pem, std::string body);
  ~X5uServer();
  X5uServer(const X5uServer&) = delete;
  X5uServer& operator=(const X5uServer&) = delete;

  unsigned short port() const { return port_; }
  int requests() const { return requests_.load(); }

 private:
  struct State;
  std::unique_ptr<State> state_;
  unsigned short port_ = 0;
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace credsvc::testing
