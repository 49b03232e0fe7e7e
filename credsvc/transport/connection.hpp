// One TLS connection carrying SIP (RFC 3261 §18, RFC 5923): lives on its own
// strand; frames messages by Content-Length, answers CRLFCRLF keep-alives
// (RFC 5626 §4.4.1), queues outgoing messages within a byte limit, and closes
// on handshake or idle timeout and on unframeable input.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "metrics/connection_metrics.hpp"
#include "transport/tls_socket.hpp"
#include "transport/transport_limits.hpp"

namespace credsvc::transport {

using FlowId = std::uint64_t;
class Connection;

// What the SIP layer does with a connection's traffic. Every call is made on
// the connection's strand.
class ConnectionHandler {
 public:
  virtual ~ConnectionHandler() = default;
  virtual void on_connected(const std::shared_ptr<Connection>& connection) = 0;
  // One complete, framed message (not yet parsed).
  virtual void on_message(const std::shared_ptr<Connection>& connection, std::string message) = 0;
  // The stream cannot be framed any further (bad or missing Content-Length,
  // too large). `received` is what is buffered, for a last response (513);
  // the connection closes once what the handler sends now is written.
  virtual void on_unframeable(const std::shared_ptr<Connection>& connection, std::string_view received,
                              std::string_view reason) = 0;
  virtual void on_closed(const Connection& connection) = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using Stream = TlsSocket;
  using Role = TlsSocket::Role;

  // `stream`'s socket must have been made on a strand (asio::make_strand). A server connection performs its
  // handshake in start(); a client connection arrives handshaken.
  // `keep` holds whatever must outlive the connection (its TLS context set,
  // its slot in the per-address count).
  Connection(Stream stream, Role role, FlowId id, TransportLimits limits, std::shared_ptr<ConnectionHandler> handler,
             std::shared_ptr<const void> keep);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();
  // Thread-safe. Queues `bytes` (dropped once the connection has closed); a
  // peer that lets the queue pass its limit is disconnected.
  void send(std::string bytes);
  // Thread-safe. Closes after the queued bytes are written.
  void close();
  // Thread-safe. Closes at once, dropping queued bytes.
  void abort();

  FlowId id() const noexcept { return id_; }
  Role role() const noexcept { return role_; }
  const boost::asio::ip::tcp::endpoint& remote() const noexcept { return remote_; }
  // "ip:port" of the peer (IPv6 in brackets).
  const std::string& remote_text() const noexcept { return remote_text_; }
  // Domain whose certificate the handshake used (server role, after handshake).
  const std::string& domain() const noexcept { return domain_; }
  // True when the peer presented a certificate that verified.
  bool peer_verified() const noexcept { return peer_verified_; }
  // The strand the connection runs on (the executor of its socket).
  const boost::asio::any_io_executor& strand() const noexcept { return strand_; }

 private:
  void run_server();
  void read_more();
  // Waits until the socket is ready as `want` asks, then calls `next`.
  void wait_then(TlsSocket::Status want, void (Connection::*next)());
  // Frames and hands on what the inbox holds; true when it needs more input.
  bool process_buffer();
  void enqueue(std::string bytes);
  void write_next();
  void shutdown_now();
  void finish();
  void arm_idle_timer();
  void wait_for_idle_deadline();

  boost::asio::any_io_executor strand_;
  Stream stream_;
  Role role_;
  FlowId id_;
  TransportLimits limits_;
  std::shared_ptr<ConnectionHandler> handler_;
  std::shared_ptr<const void> keep_;
  boost::asio::ip::tcp::endpoint remote_;
  std::string remote_text_;
  std::string domain_;
  bool peer_verified_ = false;
  metrics::OpenConnection open_metric_;

  boost::asio::steady_timer timer_;  // handshake, then idle, then shutdown grace
  std::chrono::steady_clock::time_point idle_deadline_{};
  bool idle_waiting_ = false;
  std::string inbox_;
  std::deque<std::string> outbox_;
  std::size_t outbox_bytes_ = 0;
  std::size_t written_ = 0;  // of outbox_.front()
  bool writing_ = false;
  bool write_retry_ = false;  // a write waits to be retried with the same bytes
  bool flush_posted_ = false;  // a write_next is posted for what enqueue queued
  bool closing_ = false;
  bool finished_ = false;
};

}  // namespace credsvc::transport
