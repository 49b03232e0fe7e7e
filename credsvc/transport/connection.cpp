#include "transport/connection.hpp"

#include <spdlog/spdlog.h>

#include <array>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "sip/framing.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::transport {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

std::string endpoint_text(const asio::ip::tcp::endpoint& ep) {
  const auto addr = ep.address();
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + s.
  std::string out;
  if (addr.is_v6()) out += '[';
  out += addr.to_string();
  if (addr.is_v6()) out += ']';
  out += ':';
  out += std::to_string(ep.port());
  return out;
}

// How long sending a TLS close_notify may take before the socket is cut.
constexpr std::chrono::seconds kShutdownGrace{2};
// Records read in one turn before other connections on the thread get theirs.
constexpr int kReadsPerTurn = 16;
// Queued messages are joined into one TLS record up to this size.
constexpr std::size_t kCoalesceBytes = 16 * 1024;

// Reads are synchronous steps now, so one buffer per thread serves every
// connection (instead of 16 KB held by each).
std::array<char, 16 * 1024>& read_chunk() {
  thread_local std::array<char, 16 * 1024> chunk;
  return chunk;
}

// The peer presented a certificate and it verified.
bool verified_peer(SSL* ssl) {
  return SSL_get0_peer_certificate(ssl) != nullptr && SSL_get_verify_result(ssl) == X509_V_OK;
}

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
  remote_ = stream_.socket().remote_endpoint(ec);
  remote_text_ = ec ? std::string("unknown") : endpoint_text(remote_);
}

Connection::~Connection() = default;

void Connection::start() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    if (self->role_ == Role::server) {
      self->run_server();
    } else {
      self->peer_verified_ = verified_peer(self->stream_.native_handle());
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
      self->finish();
    }
  });
  stream_.drive([this] { return stream_.handshake(); },
                [self = shared_from_this()](const error_code& ec) {
                  if (self->finished_) return;
                  if (ec) {
                    spdlog::debug("TLS handshake with {} failed: {}", self->remote_text_, ec.message());
                    metrics::count_handshake("sip", TlsContexts::domain_of(self->stream_.native_handle()), "failed");
                    self->finish();
                    return;
                  }
                  SSL* ssl = self->stream_.native_handle();
                  self->domain_ = TlsContexts::domain_of(ssl);
                  metrics::count_handshake("sip", self->domain_, "ok");
                  self->open_metric_.hold("sip", self->domain_);
                  self->peer_verified_ = verified_peer(ssl);
                  self->handler_->on_connected(self);
                  self->arm_idle_timer();
                  self->read_more();
                });
}

// Traffic only moves the deadline: re-arming the timer on every read would
// cancel a wait (one more handler run) per record.
void Connection::arm_idle_timer() {
  idle_deadline_ = std::chrono::steady_clock::now() + limits_.idle_timeout;
  if (idle_waiting_) return;
  idle_waiting_ = true;
  wait_for_idle_deadline();
}

void Connection::wait_for_idle_deadline() {
  timer_.expires_at(idle_deadline_);
  timer_.async_wait([weak = weak_from_this()](const error_code& ec) {
    auto self = weak.lock();
    if (!self) return;
    if (ec) {  // the timer was given another job (shutdown) or cancelled
      self->idle_waiting_ = false;
      return;
    }
    if (std::chrono::steady_clock::now() < self->idle_deadline_) {
      self->wait_for_idle_deadline();  // traffic came meanwhile
      return;
    }
    self->idle_waiting_ = false;
    spdlog::debug("connection {} idle for too long, closing", self->remote_text_);
    self->shutdown_now();
  });
}

void Connection::read_more() {
  for (int round = 0; !closing_ && !finished_; ++round) {
    if (round == kReadsPerTurn) {
      asio::post(strand_, [self = shared_from_this()] { self->read_more(); });
      return;
    }
    auto& chunk = read_chunk();
    const auto io = stream_.read(chunk.data(), chunk.size());
    switch (io.status) {
      case TlsSocket::Status::done:
        arm_idle_timer();
        inbox_.append(chunk.data(), io.bytes);
        if (!process_buffer()) return;
        continue;
      case TlsSocket::Status::want_read:
      case TlsSocket::Status::want_write:
        // An idle connection keeps no inbox capacity either.
        if (inbox_.empty()) std::string().swap(inbox_);
        wait_then(io.status, &Connection::read_more);
        return;
      case TlsSocket::Status::closed:
      case TlsSocket::Status::failed:
        // EOF, reset, or a TLS alert: the peer is gone.
        finish();
        return;
    }
  }
}

void Connection::wait_then(TlsSocket::Status want, void (Connection::*next)()) {
  stream_.async_wait(want, asio::bind_executor(strand_, [self = shared_from_this(), next](const error_code& ec) {
                       if (self->finished_) return;
                       if (ec) {
                         self->finish();
                         return;
                       }
                       ((*self).*next)();
                     }));
}

bool Connection::process_buffer() {
  for (;;) {
    if (closing_ || finished_) return false;
    const sip::Frame frame = sip::find_frame(inbox_, limits_.max_message_size);
    switch (frame.status) {
      case sip::FrameStatus::NeedMore:
        // Bare CRLFs between messages are dropped as we go (RFC 3261 §7.5).
        if (frame.skip > 0) inbox_.erase(0, frame.skip);
        return true;
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
        return false;
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
  if (writing_ || flush_posted_) return;
  // Written once the handler that queued this has finished, so what it
  // queues next (a SUBSCRIBE's 200, then its signed NOTIFY) leaves in the
  // same record and system call.
  flush_posted_ = true;
  asio::post(strand_, [self = shared_from_this()] {
    self->flush_posted_ = false;
    if (!self->writing_) self->write_next();
  });
}

void Connection::write_next() {
  while (!finished_) {
    if (outbox_.empty()) {
      writing_ = false;
      if (closing_) shutdown_now();
      return;
    }
    writing_ = true;
    // Messages queued together (a 200 and its NOTIFY, a burst of NOTIFYs)
    // leave as one record and one send. Not while OpenSSL waits to retry
    // the front's bytes, which must then stay as they are.
    if (!write_retry_ && written_ == 0) {
      while (outbox_.size() > 1 && outbox_.front().size() + outbox_[1].size() <= kCoalesceBytes) {
        outbox_.front() += outbox_[1];
        outbox_.erase(outbox_.begin() + 1);
      }
    }
    const std::string& front = outbox_.front();
    const auto io = stream_.write(front.data() + written_, front.size() - written_);
    switch (io.status) {
      case TlsSocket::Status::done:
        write_retry_ = false;
        written_ += io.bytes;
        if (written_ == front.size()) {
          outbox_bytes_ -= front.size();
          outbox_.pop_front();
          written_ = 0;
        }
        continue;
      case TlsSocket::Status::want_read:
      case TlsSocket::Status::want_write:
        write_retry_ = true;
        wait_then(io.status, &Connection::write_next);
        return;
      case TlsSocket::Status::closed:
      case TlsSocket::Status::failed:
        finish();
        return;
    }
  }
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
  stream_.drive([this] { return stream_.shutdown(); },
                [self = shared_from_this()](const error_code&) { self->finish(); });
}

void Connection::finish() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  error_code ec;
  timer_.cancel();
  stream_.socket().shutdown(Socket::shutdown_both, ec);
  stream_.socket().close(ec);
  outbox_.clear();
  outbox_bytes_ = 0;
  written_ = 0;
  open_metric_.release();
  handler_->on_closed(*this);
}

}  // namespace credsvc::transport
