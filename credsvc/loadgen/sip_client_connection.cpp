#include "loadgen/sip_client_connection.hpp"

#include <openssl/x509_vfy.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "sip/framing.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

// Certificate NOTIFYs stay far below this; credential bodies too.
constexpr std::size_t kMaxMessageSize = 256 * 1024;

}  // namespace

SipClientConnection::SipClientConnection(asio::io_context& io, asio::ssl::context& ctx) : stream_(io, ctx) {}

SipClientConnection::~SipClientConnection() { ClientTls::detach(stream_.native_handle()); }

asio::awaitable<std::shared_ptr<SipClientConnection>> SipClientConnection::open(
    asio::io_context& io, ClientTls& tls, const ServerTarget& target, std::chrono::milliseconds timeout,
    SessionSlot* slot, ConnectFailure& failure) {
  auto c = std::make_shared<SipClientConnection>(io, tls.context());
  tls.prepare(c->stream_.native_handle(), target.server_name, slot);

  asio::steady_timer timer(io);
  timer.expires_after(timeout);
  timer.async_wait([c](const error_code& ec) {
    if (ec) return;
    c->timed_out_ = true;
    error_code ignored;
    c->stream_.lowest_layer().close(ignored);
  });

  error_code ec;
  co_await asio::async_connect(c->stream_.lowest_layer(), target.endpoints,
                               asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    failure = c->timed_out_ ? ConnectFailure{"timeout", "cannot connect to " + target.peer + ": timed out"}
                            : ConnectFailure{"connect", "cannot connect to " + target.peer + ": " + ec.message()};
    co_return nullptr;
  }
  c->stream_.lowest_layer().set_option(tcp::no_delay(true), ec);
  co_await c->stream_.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    const long verify = SSL_get_verify_result(c->stream_.native_handle());
    if (c->timed_out_) {
      failure = {"timeout", "TLS with " + target.peer + " failed: timed out"};
    } else if (verify != X509_V_OK) {
      failure = {"certificate", "TLS with " + target.peer + " failed: server certificate not accepted for " +
                                    target.server_name + " (" + X509_verify_cert_error_string(verify) + ")"};
    } else {
      failure = {"tls", "TLS with " + target.peer + " failed: " + ec.message()};
    }
    co_return nullptr;
  }
  timer.cancel();
  const tcp::endpoint local = c->stream_.lowest_layer().local_endpoint(ec);
  c->local_.host = local.address().to_string();
  c->local_.port = local.port();
  c->resumed_ = SSL_session_reused(c->stream_.native_handle()) == 1;
  co_return c;
}

void SipClientConnection::start(Listener* listener, std::size_t id) {
  listener_ = listener;
  id_ = id;
  asio::co_spawn(stream_.get_executor(), read_loop(shared_from_this()), asio::detached);
}

// The parameter, copied into the coroutine frame, keeps the connection alive
// while the loop runs.
asio::awaitable<void> SipClientConnection::read_loop(std::shared_ptr<SipClientConnection> /*self*/) {
  for (;;) {
    error_code ec;
    const std::size_t n =
        co_await stream_.async_read_some(asio::buffer(chunk_), asio::redirect_error(asio::use_awaitable, ec));
    if (closed_) co_return;
    if (ec) {
      fail(ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
               ? std::string("closed by the server")
               : "connection lost: " + ec.message());
      co_return;
    }
    in_.append(chunk_.data(), n);
    if (!dispatch()) co_return;
  }
}

bool SipClientConnection::dispatch() {
  std::size_t used = 0;
  for (;;) {
    const std::string_view rest = std::string_view(in_).substr(used);
    const sip::Frame frame = sip::find_frame(rest, kMaxMessageSize);
    if (frame.status == sip::FrameStatus::NeedMore) break;
    if (frame.status == sip::FrameStatus::Unframeable) {
      fail("unframeable message from the server: " + std::string(frame.reason));
      return false;
    }
    if (frame.status == sip::FrameStatus::KeepAlive) {
      used += frame.consumed();
      send("\r\n");  // RFC 5626 §4.4.1 pong
      continue;
    }
    sip::ParseResult parsed = sip::parse_message(rest.substr(frame.skip, frame.length));
    used += frame.consumed();
    if (parsed.ok()) handle_message(parsed.msg);
    if (closed_) return false;
  }
  in_.erase(0, used);
  return true;
}

void SipClientConnection::handle_message(sip::Message& message) {
  if (message.is_request()) {
    if (message.method() == sip::Method::Ack) return;  // never answered (RFC 3261 §17.2.1)
    if (message.method() != sip::Method::Notify) {
      send(sip::make_response(message, 405).add(sip::HeaderId::Allow, "NOTIFY").build());
      return;
    }
    send(sip::make_response(message, 200).build());
  }
  if (listener_ != nullptr) listener_->on_message(*this, message);
}

void SipClientConnection::send(std::string bytes) {
  if (closed_) return;
  if (writing_) {
    pending_ += bytes;
    return;
  }
  out_ = std::move(bytes);
  writing_ = true;
  write_next();
}

void SipClientConnection::write_next() {
  asio::async_write(stream_, asio::buffer(out_), [self = shared_from_this()](const error_code& ec, std::size_t) {
    if (self->closed_) return;
    if (ec) {
      self->fail("sending failed: " + ec.message());
      return;
    }
    if (self->pending_.empty()) {
      self->writing_ = false;
      self->out_.clear();
      return;
    }
    self->out_.swap(self->pending_);
    self->pending_.clear();
    self->write_next();
  });
}

void SipClientConnection::fail(std::string reason) {
  if (closed_) return;
  Listener* listener = listener_;
  close();
  if (listener != nullptr) listener->on_closed(*this, reason);
}

void SipClientConnection::close() noexcept {
  if (closed_) return;
  closed_ = true;
  listener_ = nullptr;
  SSL* ssl = stream_.native_handle();
  ClientTls::detach(ssl);
  // Our own decision, not a failure: mark the TLS connection as shut down,
  // or OpenSSL makes its session non-resumable when the SSL is freed
  // (ssl_clear_bad_session), and --resume would never resume.
  SSL_set_shutdown(ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
  error_code ignored;
  stream_.lowest_layer().close(ignored);
}

}  // namespace credsvc::loadgen
