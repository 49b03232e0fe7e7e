// One HTTPS connection (internal to http/): TLS handshake, then requests read
// one at a time within the header, body and time limits, routed, answered,
// and the connection kept alive or closed. Runs as a coroutine on the
// connection's strand; a single timer enforces whichever deadline applies.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

#include "http/http_message.hpp"
#include "http/server_state.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::http {

class HttpsSession : public std::enable_shared_from_this<HttpsSession> {
 public:
  using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

  // `socket` must have been made on a strand. The session has already been
  // counted in `state` (per address and in all); it gives its slot back when
  // destroyed.
  HttpsSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<const transport::TlsContexts> contexts,
               std::shared_ptr<ServerState> state, std::uint64_t id, boost::asio::ip::address address);
  ~HttpsSession();
  HttpsSession(const HttpsSession&) = delete;
  HttpsSession& operator=(const HttpsSession&) = delete;

  void start();
  // Thread-safe: closes the connection now.
  void close();

 private:
  // What the timer does when the current deadline passes.
  enum class OnExpiry {
    close,   // cut the connection (handshake, write, shutdown)
    cancel,  // cancel the pending read, so a 408 can still be sent
    answer,  // answer the pending handler with 503
  };
  struct PendingAnswer;

  static boost::asio::awaitable<void> run(std::shared_ptr<HttpsSession> self);
  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<Response> dispatch(const Request& request, RequestContext& context);
  boost::asio::awaitable<Response> call_handler(const Handler& handler, const Request& request,
                                                const RequestContext& context);
  boost::asio::awaitable<bool> write_response(Response& response);
  boost::asio::awaitable<void> graceful_close();
  void arm(std::chrono::milliseconds after, OnExpiry action);
  void disarm();
  void close_now();

  boost::asio::any_io_executor strand_;
  Stream stream_;
  std::shared_ptr<const transport::TlsContexts> contexts_;  // the set this handshake uses
  std::shared_ptr<ServerState> state_;
  std::uint64_t id_;
  boost::asio::ip::address address_;
  boost::asio::ip::tcp::endpoint remote_;
  std::string remote_text_;

  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  bool timed_out_ = false;
  bool closed_ = false;
  std::weak_ptr<PendingAnswer> pending_answer_;
};

}  // namespace credsvc::http
