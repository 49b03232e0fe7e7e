// TLS on a TCP socket with OpenSSL reading and writing the descriptor itself
// (SSL_set_fd) and Asio only waiting for readiness.
//
// Why not asio::ssl::stream: it keeps two 17 KB staging buffers and a BIO
// pair with two more per connection for the connection's whole life, about
// 70 KB for an idle subscriber (issue 7: 10,000 idle connections in 400 MB).
// Here OpenSSL's own record buffers are freed whenever they are empty
// (SSL_MODE_RELEASE_BUFFERS), so an idle connection keeps only its SSL state.
//
// The calls are non-blocking steps: each returns done, want_read/want_write
// (wait with async_wait, then call again with the same arguments), closed or
// failed. Every call must be made on the socket's strand.
#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>
#include <utility>

namespace credsvc::transport {

class TlsSocket {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  enum class Role { server, client };
  enum class Status { done, want_read, want_write, closed, failed };
  struct Io {
    Status status = Status::failed;
    std::size_t bytes = 0;  // with done
  };

  // Throws std::runtime_error when OpenSSL cannot make the session.
  TlsSocket(Socket socket, SSL_CTX* context, Role role);
  TlsSocket(TlsSocket&&) noexcept = default;
  TlsSocket& operator=(TlsSocket&&) noexcept = default;

  Status handshake();
  // Decrypted bytes into [data, data + size): done with bytes > 0; closed
  // when the peer ended the stream (close_notify or EOF).
  Io read(char* data, std::size_t size);
  // Writes at least one record of [data, data + size) (partial writes on).
  // After want_*, call again with the same bytes still to write.
  Io write(const char* data, std::size_t size);
  // Sends close_notify without waiting for the peer's.
  Status shutdown();

  // Waits until the socket is ready for what `want` (want_read/want_write)
  // asks; handler(error_code).
  template <typename Handler>
  void async_wait(Status want, Handler&& handler) {
    socket_.async_wait(want == Status::want_write ? Socket::wait_write : Socket::wait_read,
                       std::forward<Handler>(handler));
  }

  // Runs `step` (a Status()) until it is done or fails, waiting as it asks,
  // then handler(error_code): empty when done, else why not (error()). May
  // complete inline.
  template <typename Step, typename Handler>
  void drive(Step step, Handler handler) {
    const Status s = step();
    if (s != Status::want_read && s != Status::want_write) {
      handler(s == Status::done ? boost::system::error_code{} : error_);
      return;
    }
    async_wait(s, [this, step = std::move(step), handler = std::move(handler)](
                      const boost::system::error_code& ec) mutable {
      if (ec) {
        handler(ec);
        return;
      }
      drive(std::move(step), std::move(handler));
    });
  }

  SSL* native_handle() const noexcept { return ssl_.get(); }
  Socket& socket() noexcept { return socket_; }
  const Socket& socket() const noexcept { return socket_; }
  Socket::executor_type get_executor() noexcept { return socket_.get_executor(); }
  // Why the last step ended closed or failed: OpenSSL's reason (Asio's ssl
  // category, e.g. "certificate verify failed"), the system error, or eof.
  const boost::system::error_code& error() const noexcept { return error_; }

 private:
  struct SslFree {
    void operator()(SSL* s) const noexcept { SSL_free(s); }
  };
  Status status_of(int result);

  Socket socket_;
  std::unique_ptr<SSL, SslFree> ssl_;
  boost::system::error_code error_;
};

}  // namespace credsvc::transport
