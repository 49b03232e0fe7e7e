#pragma once
// A real TLS server on loopback for testing the UA's transport and
// transactions: it accepts one connection, frames SIP messages, and lets the
// test answer each through a handler (run on the server's thread). Its
// certificate (P-256, SAN DNS example.test) is issued at test time by
// test::root_ca().

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sip/message.hpp"

namespace credsvc::ua::test {

class ScriptedSipServer {
 public:
  // Returns the bytes to send back (possibly several messages, or nothing).
  using Handler = std::function<std::vector<std::string>(const sip::Message&)>;

  explicit ScriptedSipServer(Handler handler);
  ~ScriptedSipServer();  // closes the connection and joins the thread
  ScriptedSipServer(const ScriptedSipServer&) = delete;
  ScriptedSipServer& operator=(const ScriptedSipServer&) = delete;

  std::uint16_t port() const { return port_; }
  // Every message received so far, in order.
  std::vector<sip::Message> received() const;
  // Closes the connection from the server's side after the handler's answer
  // to the next message.
  void close_after_next() { close_after_next_ = true; }

 private:
  void run();

  Handler handler_;
  std::uint16_t port_ = 0;
  std::atomic<bool> close_after_next_{false};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<sip::Message> received_;
  std::thread thread_;
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Makes a response to `request` (Via, From, To, Call-ID, CSeq copied; To tag
// added) with extra header lines ("Name: value").
std::string response_to(const sip::Message& request, int status, const std::vector<std::string>& headers = {},
                        const std::string& to_tag = "srv");

}  // namespace credsvc::ua::test
