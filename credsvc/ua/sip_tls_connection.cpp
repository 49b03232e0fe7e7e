#include "ua/sip_tls_connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <stdexcept>

#include "sip/framing.hpp"
#include "sip/parser.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::ua {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Credential bodies (certificate and key, multipart) stay far below this.
constexpr std::size_t kMaxMessageSize = 256 * 1024;

}  // namespace

SipTlsConnection::SipTlsConnection(const TlsConnectOptions& options)
    : peer_(options.connect_host + ":" + std::to_string(options.port)), ctx_(asio::ssl::context::tls_client) {
  transport::apply_tls_policy(ctx_);
  error_code ec;
  ctx_.add_certificate_authority(asio::buffer(options.ca_pem), ec);
  if (ec) throw std::runtime_error("trust anchors (--ca) are not usable PEM certificates: " + ec.message());
  ctx_.set_verify_mode(asio::ssl::verify_peer);
  stream_ = std::make_unique<asio::ssl::stream<tcp::socket>>(io_, ctx_);

  const Deadline deadline = std::chrono::steady_clock::now() + options.timeout;
  tcp::resolver resolver(io_);
  tcp::resolver::results_type endpoints;
  bool done = false;
  resolver.async_resolve(options.connect_host, std::to_string(options.port),
                         [&](const error_code& e, tcp::resolver::results_type r) {
                           ec = e;
                           endpoints = std::move(r);
                           done = true;
                         });
  if (!run_until(done, deadline, [&resolver] { resolver.cancel(); })) {
    throw std::runtime_error("cannot resolve " + options.connect_host + ": timed out");
  }
  if (ec) throw std::runtime_error("cannot resolve " + options.connect_host + ": " + ec.message());

  done = false;
  asio::async_connect(stream_->lowest_layer(), endpoints, [&](const error_code& e, const tcp::endpoint&) {
    ec = e;
    done = true;
  });
  if (!run_until(done, deadline)) throw std::runtime_error("cannot connect to " + peer_ + ": timed out");
  if (ec) throw std::runtime_error("cannot connect to " + peer_ + ": " + ec.message());

  SSL* ssl = stream_->native_handle();
  SSL_set_tlsext_host_name(ssl, options.server_name.c_str());
  SSL_set1_host(ssl, options.server_name.c_str());
  done = false;
  stream_->async_handshake(asio::ssl::stream_base::client, [&](const error_code& e) {
    ec = e;
    done = true;
  });
  if (!run_until(done, deadline)) throw std::runtime_error("TLS with " + peer_ + " failed: timed out");
  if (ec) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      throw std::runtime_error("TLS with " + peer_ + " failed: server certificate not accepted for " +
                               options.server_name + " (" + X509_verify_cert_error_string(verify) + ")");
    }
    throw std::runtime_error("TLS with " + peer_ + " failed: " + ec.message());
  }
  const tcp::endpoint local = stream_->lowest_layer().local_endpoint();
  local_.host = local.address().to_string();
  local_.port = local.port();
  start_read();
}

SipTlsConnection::~SipTlsConnection() {
  error_code ignored;
  stream_->lowest_layer().close(ignored);
  if (signals_) signals_->cancel(ignored);
}

void SipTlsConnection::start_read() {
  stream_->async_read_some(asio::buffer(chunk_), [this](const error_code& ec, std::size_t n) {
    if (ec) {
      read_error_ = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
                        ? std::string("connection closed by the server")
                        : "connection lost: " + ec.message();
      return;
    }
    buffer_.append(chunk_.data(), n);
    start_read();
  });
}

bool SipTlsConnection::run_until(const bool& done, Deadline deadline, const std::function<void()>& cancel) {
  while (!done) {
    io_.restart();
    if (io_.run_one_until(deadline) == 0 && std::chrono::steady_clock::now() >= deadline) break;
  }
  if (done) return true;
  // Out of time: stop the operation; its handler still runs (and sets `done`).
  if (cancel) {
    cancel();
  } else {
    error_code ignored;
    stream_->lowest_layer().close(ignored);
  }
  while (!done) {
    io_.restart();
    if (io_.run_one() == 0) break;
  }
  return false;
}

void SipTlsConnection::send(const std::string& bytes, Deadline deadline) {
  if (read_error_) throw std::runtime_error(*read_error_);
  bool done = false;
  error_code ec;
  asio::async_write(*stream_, asio::buffer(bytes), [&](const error_code& e, std::size_t) {
    ec = e;
    done = true;
  });
  if (!run_until(done, deadline)) throw std::runtime_error("sending to " + peer_ + " timed out");
  if (ec) throw std::runtime_error("sending to " + peer_ + " failed: " + ec.message());
}

SipTlsConnection::Received SipTlsConnection::receive(Deadline deadline) {
  for (;;) {
    const sip::Frame frame = sip::find_frame(buffer_, kMaxMessageSize);
    if (frame.status == sip::FrameStatus::Unframeable) {
      throw std::runtime_error("unframeable message from " + peer_ + ": " + std::string(frame.reason));
    }
    if (frame.status == sip::FrameStatus::KeepAlive) {
      buffer_.erase(0, frame.consumed());
      send("\r\n", deadline);  // RFC 5626 §4.4.1 pong
      continue;
    }
    if (frame.status == sip::FrameStatus::Complete) {
      std::string wire = buffer_.substr(frame.skip, frame.length);
      buffer_.erase(0, frame.consumed());
      auto parsed = sip::parse_message(std::move(wire));
      if (!parsed.ok()) continue;  // nothing to act on
      return Received{std::move(parsed.msg), false};
    }
    if (interrupt_pending_) {
      interrupt_pending_ = false;
      return Received{std::nullopt, true};
    }
    if (read_error_) throw std::runtime_error(*read_error_);
    io_.restart();
    if (io_.run_one_until(deadline) == 0 && std::chrono::steady_clock::now() >= deadline) {
      return Received{};
    }
  }
}

void SipTlsConnection::stop_on_signals() {
  if (signals_) return;
  signals_.emplace(io_, SIGINT, SIGTERM);
  wait_for_signal();
}

void SipTlsConnection::wait_for_signal() {
  signals_->async_wait([this](const error_code& ec, int) {
    if (ec) return;
    interrupt_pending_ = true;
    wait_for_signal();
  });
}

}  // namespace credsvc::ua
