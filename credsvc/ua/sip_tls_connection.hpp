#pragma once
// A blocking SIP-over-TLS connection for the user-agent commands (Asio and
// OpenSSL): connects, verifies the server certificate against the given
// trust anchors only and the domain's name (SNI = that name), then sends
// and receives whole messages (framed by Content-Length, RFC 3261 §18.3)
// under deadlines. A read is always pending, so bytes are taken in whenever
// the connection is driven; nothing runs in the background.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sip/message.hpp"
#include "ua/outgoing_request.hpp"

namespace credsvc::ua {

using Deadline = std::chrono::steady_clock::time_point;

struct TlsConnectOptions {
  std::string connect_host;  // host name or IP address to connect to (--server, or its --resolve override)
  std::uint16_t port = 0;
  std::string server_name;   // SNI, and the name the server certificate must carry
  std::string ca_pem;        // trust anchors (PEM): the only ones trusted
  std::chrono::milliseconds timeout{10'000};  // resolve, connect and handshake
};

class SipTlsConnection {
 public:
  // Throws std::runtime_error("cannot connect to HOST:PORT: ...") or
  // ("TLS with HOST:PORT failed: ...") naming the cause.
  explicit SipTlsConnection(const TlsConnectOptions& options);
  ~SipTlsConnection();
  SipTlsConnection(const SipTlsConnection&) = delete;
  SipTlsConnection& operator=(const SipTlsConnection&) = delete;

  [[nodiscard]] const LocalAddress& local_address() const noexcept { return local_; }

  // Throws std::runtime_error when the bytes cannot be written by `deadline`.
  void send(const std::string& bytes, Deadline deadline);

  struct Received {
    std::optional<sip::Message> message;  // a message that parsed
    bool interrupted = false;             // a signal arrived (see stop_on_signals)
    // Neither: the deadline passed.
  };
  // The next message. Messages that do not parse are skipped; keep-alive
  // pings (CRLFCRLF) are answered. Throws std::runtime_error when the server
  // closes the connection or sends bytes that cannot be framed.
  Received receive(Deadline deadline);

  // From now on SIGINT and SIGTERM end the receive in progress (or the next
  // one) with `interrupted` instead of ending the process.
  void stop_on_signals();

 private:
  void start_read();
  void wait_for_signal();
  // Runs handlers until `done` or the deadline; at the deadline `cancel`
  // (default: close the socket) ends the operation, whose handler still
  // runs, and the result is false.
  bool run_until(const bool& done, Deadline deadline, const std::function<void()>& cancel = {});

  std::string peer_;  // "host:port" for messages
  boost::asio::io_context io_;
  boost::asio::ssl::context ctx_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> stream_;
  std::optional<boost::asio::signal_set> signals_;
  LocalAddress local_;
  std::array<char, 16 * 1024> chunk_{};
  std::string buffer_;
  std::optional<std::string> read_error_;  // set when the read loop ended
  bool interrupt_pending_ = false;
};

}  // namespace credsvc::ua
