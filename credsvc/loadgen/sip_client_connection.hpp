// One SIP-over-TLS connection of the load generator, asynchronous on the
// generator's io_context (Asio + OpenSSL): connect and handshake under a
// deadline, then a read loop that frames messages by Content-Length (RFC
// 3261 §18.3), answers keep-alive pings (RFC 5626 §4.4.1) and NOTIFYs (200,
// RFC 6665 §4.1.3) itself and hands every message to a listener; writes are
// queued and coalesced. Single-threaded use only: everything runs on the
// thread that runs the io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "loadgen/client_tls.hpp"
#include "sip/message.hpp"
#include "ua/outgoing_request.hpp"

namespace credsvc::loadgen {

// Where every connection goes: resolved once for the run.
struct ServerTarget {
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;
  std::string server_name;  // SNI, and the name the certificate must carry
  std::string peer;         // "host:port", for messages
};

// Why a connection could not be opened.
struct ConnectFailure {
  std::string kind;     // "connect", "tls", "certificate", "timeout"
  std::string message;  // one line naming the server and the cause
};

class SipClientConnection : public std::enable_shared_from_this<SipClientConnection> {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // A request (already answered) or a response.
    virtual void on_message(SipClientConnection& connection, sip::Message& message) = 0;
    // The connection ended without close() being called.
    virtual void on_closed(SipClientConnection& connection, std::string_view reason) = 0;
  };

  // Connects to the first reachable endpoint and handshakes, verifying the
  // server's certificate; nullptr with `failure` filled when that fails or
  // takes longer than `timeout`. `slot` (may be null) offers and receives
  // TLS sessions for resumption.
  static boost::asio::awaitable<std::shared_ptr<SipClientConnection>> open(
      boost::asio::io_context& io, ClientTls& tls, const ServerTarget& target,
      std::chrono::milliseconds timeout, SessionSlot* slot, ConnectFailure& failure);

  // Starts the read loop; messages go to `listener` (which must outlive the
  // connection or close it first), tagged with `id`.
  void start(Listener* listener, std::size_t id);
  // Queues bytes for sending; ignored once closed.
  void send(std::string bytes);
  // Ends the connection at once; no more listener calls.
  void close() noexcept;

  [[nodiscard]] bool is_open() const noexcept { return !closed_; }
  [[nodiscard]] std::size_t id() const noexcept { return id_; }
  [[nodiscard]] const ua::LocalAddress& local_address() const noexcept { return local_; }
  // Whether the handshake resumed an earlier session.
  [[nodiscard]] bool resumed() const noexcept { return resumed_; }

  SipClientConnection(boost::asio::io_context& io, boost::asio::ssl::context& ctx);
  ~SipClientConnection();
  SipClientConnection(const SipClientConnection&) = delete;
  SipClientConnection& operator=(const SipClientConnection&) = delete;

 private:
  boost::asio::awaitable<void> read_loop(std::shared_ptr<SipClientConnection> self);
  // Frames and dispatches what the buffer holds; false once the connection ended.
  bool dispatch();
  void handle_message(sip::Message& message);
  void write_next();
  void fail(std::string reason);

  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  Listener* listener_ = nullptr;
  std::size_t id_ = 0;
  ua::LocalAddress local_;
  bool closed_ = false;
  bool resumed_ = false;
  bool timed_out_ = false;
  std::array<char, 8 * 1024> chunk_{};
  std::string in_;
  std::string out_;      // being written
  std::string pending_;  // queued behind it
  bool writing_ = false;
};

}  // namespace credsvc::loadgen
