#include "transport/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "sip/framing.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::transport {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

std::string endpoint_text(const asio::ip::tcp::endpoint& ep) {
  const auto addr = ep.address();
  return (addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string()) + ":" + std::to_string(ep.port());
}

// How long a TLS close_notify exchange may take before the socket is cut.
constexpr std::chrono::seconds kShutdownGrace{2};

}  // namespace

Connection::Connection(Stream stream, Role role, FlowId id, TransportLimits limits,
                       std::shared_ptr<ConnectionHandler> handler, std::shared_ptr<const void> keep)
    : strand_(stream.get_executor()),
      stream_(std::move(stream)),
      role_(role),
      id_(id),
      limits_(limits),
      handler_(std::move(handler)),
      keep_(std::move(keep)),
      timer_(strand_) {
  error_code ec;
  remote_ = stream_.lowest_layer().remote_endpoint(ec);
  remote_text_ = ec ? std::string("unknown") : endpoint_text(remote_);
}

Connection::~Connection() = default;

void Connection::start() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    if (self->role_ == Role::server) {
      self->run_server();
    } else {
      self->peer_verified_ = SSL_get_verify_result(self->stream_.native_handle()) == X509_V_OK &&
                             SSL_get0_peer_certificate(self->stream_.native_handle()) != nullptr;
      self->handler_->on_connected(self);
      self->arm_idle_timer();
      self->read_more();
    }
  });
}

void Connection::run_server() {
  timer_.expires_after(limits_.handshake_timeout);
  timer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) {
      spdlog::debug("TLS handshake with {} timed out", self->remote_text_);
      metrics::count_handshake("sip", TlsContexts::domain_of(self->stream_.native_handle()), "timeout");
      self->shutdown_now();
    }
  });
  stream_.async_handshake(Stream::server, asio::bind_executor(strand_, [self = shared_from_this()](const error_code& ec) {
    if (self->finished_) return;
    if (ec) {
      spdlog::debug("TLS handshake with {} failed: {}", self->remote_text_, ec.message());
      metrics::count_handshake("sip", TlsContexts::domain_of(self->stream_.native_handle()), "failed");
      self->shutdown_now();
      return;
    }
    SSL* ssl = self->stream_.native_handle();
    self->domain_ = TlsContexts::domain_of(ssl);
    metrics::count_handshake("sip", self->domain_, "ok");
    self->open_metric_.hold("sip", self->domain_);
    self->peer_verified_ = SSL_get0_peer_certificate(ssl) != nullptr && SSL_get_verify_result(ssl) == X509_V_OK;
    self->handler_->on_connected(self);
    self->arm_idle_timer();
    self->read_more();
  }));
}

void Connection::arm_idle_timer() {
  timer_.expires_after(limits_.idle_timeout);
  timer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    if (ec) return;  // re-armed or cancelled
    if (auto self = weak.lock()) {
      spdlog::debug("connection {} idle for too long, closing", self->remote_text_);
      self->shutdown_now();
    }
  });
}

void Connection::read_more() {
  if (closing_ || finished_) return;
  stream_.async_read_some(
      asio::buffer(read_chunk_),
      asio::bind_executor(strand_, [self = shared_from_this()](const error_code& ec, std::size_t n) {
        if (self->finished_) return;
        if (ec) {
          // EOF, reset, or a TLS alert: the peer is gone.
          self->finish();
          return;
        }
        self->arm_idle_timer();
        self->inbox_.append(self->read_chunk_.data(), n);
        self->process_buffer();
      }));
}

void Connection::process_buffer() {
  for (;;) {
    if (closing_ || finished_) return;
    const sip::Frame frame = sip::find_frame(inbox_, limits_.max_message_size);
    switch (frame.status) {
      case sip::FrameStatus::NeedMore:
        // Bare CRLFs between messages are dropped as we go (RFC 3261 §7.5).
        if (frame.skip > 0) inbox_.erase(0, frame.skip);
        read_more();
        return;
      case sip::FrameStatus::KeepAlive:
        inbox_.erase(0, frame.consumed());
        enqueue("\r\n");  // RFC 5626 §4.4.1: pong
        continue;
      case sip::FrameStatus::Complete: {
        std::string message = inbox_.substr(frame.skip, frame.length);
        inbox_.erase(0, frame.consumed());
        handler_->on_message(shared_from_this(), std::move(message));
        continue;
      }
      case sip::FrameStatus::Unframeable:
        spdlog::info("closing connection {}: {}", remote_text_, frame.reason);
        handler_->on_unframeable(shared_from_this(), std::string_view(inbox_).substr(frame.skip), frame.reason);
        inbox_.clear();
        closing_ = true;
        if (!writing_) write_next();
        return;
    }
  }
}

void Connection::send(std::string bytes) {
  asio::dispatch(strand_, [self = shared_from_this(), b = std::move(bytes)]() mutable { self->enqueue(std::move(b)); });
}

void Connection::enqueue(std::string bytes) {
  if (finished_) return;
  if (outbox_bytes_ + bytes.size() > limits_.max_send_queue_bytes) {
    spdlog::info("closing connection {}: peer does not read ({} bytes queued)", remote_text_, outbox_bytes_);
    // A close_notify would queue behind what it does not read: cut at once.
    finish();
    return;
  }
  outbox_bytes_ += bytes.size();
  outbox_.push_back(std::move(bytes));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (finished_) return;
  if (outbox_.empty()) {
    writing_ = false;
    if (closing_) shutdown_now();
    return;
  }
  writing_ = true;
  asio::async_write(stream_, asio::buffer(outbox_.front()),
                    asio::bind_executor(strand_, [self = shared_from_this()](const error_code& ec, std::size_t) {
                      if (self->finished_) return;
                      if (ec) {
                        self->finish();
                        return;
                      }
                      self->outbox_bytes_ -= self->outbox_.front().size();
                      self->outbox_.pop_front();
                      self->write_next();
                    }));
}

void Connection::close() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    if (self->finished_ || self->closing_) return;
    self->closing_ = true;
    if (!self->writing_) self->write_next();
  });
}

void Connection::abort() {
  asio::dispatch(strand_, [self = shared_from_this()] { self->finish(); });
}

void Connection::shutdown_now() {
  if (finished_) return;
  closing_ = true;
  // Send close_notify, but never wait on the peer for long.
  timer_.expires_after(kShutdownGrace);
  timer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->finish();
  });
  stream_.async_shutdown(asio::bind_executor(strand_, [self = shared_from_this()](const error_code&) { self->finish(); }));
}

void Connection::finish() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  error_code ec;
  timer_.cancel();
  stream_.lowest_layer().shutdown(Socket::shutdown_both, ec);
  stream_.lowest_layer().close(ec);
  outbox_.clear();
  outbox_bytes_ = 0;
  open_metric_.release();
  handler_->on_closed(*this);
}

}  // namespace credsvc::transport
