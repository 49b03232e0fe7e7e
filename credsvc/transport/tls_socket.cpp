#include "transport/tls_socket.hpp"

#include <openssl/err.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <stdexcept>

namespace credsvc::transport {
namespace {

// OpenSSL writes the descriptor with write(2), which raises SIGPIPE when the
// peer has gone; the failed write is handled as an error instead.
void ignore_sigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

// The error OpenSSL queued last, in Asio's ssl category (its message is
// OpenSSL's reason string); `fallback` when it queued none.
boost::system::error_code openssl_error(boost::system::error_code fallback) {
  const unsigned long e = ERR_peek_last_error();
  if (e == 0) return fallback;
  return {static_cast<int>(e), boost::asio::error::get_ssl_category()};
}

}  // namespace

TlsSocket::TlsSocket(Socket socket, SSL_CTX* context, Role role) : socket_(std::move(socket)), ssl_(SSL_new(context)) {
  ignore_sigpipe();
  if (!ssl_) throw std::runtime_error("SSL_new failed: " + openssl_error(boost::asio::error::no_memory).message());
  boost::system::error_code ec;
  socket_.non_blocking(true, ec);
  if (!ec && SSL_set_fd(ssl_.get(), static_cast<int>(socket_.native_handle())) != 1) {
    ec = openssl_error(boost::asio::error::bad_descriptor);
  }
  if (ec) throw std::runtime_error("cannot attach TLS to the socket: " + ec.message());
  // Record buffers only while a record is in flight; whole socket reads.
  SSL_set_mode(ssl_.get(), SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
                               SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_set_read_ahead(ssl_.get(), 1);
  if (role == Role::server) {
    SSL_set_accept_state(ssl_.get());
  } else {
    SSL_set_connect_state(ssl_.get());
  }
}

TlsSocket::Status TlsSocket::status_of(int result) {
  switch (SSL_get_error(ssl_.get(), result)) {
    case SSL_ERROR_WANT_READ:
      return Status::want_read;
    case SSL_ERROR_WANT_WRITE:
      return Status::want_write;
    case SSL_ERROR_ZERO_RETURN:
      error_ = boost::asio::error::eof;  // close_notify
      return Status::closed;
    case SSL_ERROR_SYSCALL:
      // errno 0: the peer closed without close_notify.
      error_ = errno != 0 ? boost::system::error_code(errno, boost::system::system_category())
                          : openssl_error(boost::asio::error::eof);
      return Status::closed;
    default:
      error_ = openssl_error(boost::asio::error::connection_aborted);
      return Status::failed;
  }
}

TlsSocket::Status TlsSocket::handshake() {
  ERR_clear_error();
  errno = 0;
  const int r = SSL_do_handshake(ssl_.get());
  return r == 1 ? Status::done : status_of(r);
}

TlsSocket::Io TlsSocket::read(char* data, std::size_t size) {
  ERR_clear_error();
  errno = 0;
  std::size_t n = 0;
  const int r = SSL_read_ex(ssl_.get(), data, size, &n);
  if (r == 1) return Io{Status::done, n};
  return Io{status_of(r), 0};
}

TlsSocket::Io TlsSocket::write(const char* data, std::size_t size) {
  ERR_clear_error();
  errno = 0;
  std::size_t n = 0;
  const int r = SSL_write_ex(ssl_.get(), data, size, &n);
  if (r == 1) return Io{Status::done, n};
  return Io{status_of(r), 0};
}

TlsSocket::Status TlsSocket::shutdown() {
  ERR_clear_error();
  errno = 0;
  // 0: our close_notify is out; 1: the peer's had come too.
  const int r = SSL_shutdown(ssl_.get());
  return r >= 0 ? Status::done : status_of(r);
}

}  // namespace credsvc::transport
