// A blocking SIP-over-TLS test client: real TLS (OpenSSL through Asio),
// verifying the server against a CA file, with SNI on request, and reading
// whole SIP messages by Content-Length.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace credsvc::testing {

struct TlsClientOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string ca_file;                     // verify the server against this
  std::optional<std::string> server_name;  // SNI; none = send no SNI
  std::optional<std::string> verify_host;  // name the certificate must carry (default: server_name)
  std::optional<std::string> source_address;  // bind locally first (e.g. 127.0.0.2)
  std::optional<int> receive_buffer;          // SO_RCVBUF, to make a slow reader
  std::optional<std::string> cert_file;       // client certificate (PEM) ...
  std::optional<std::string> key_file;        // ... and its key
};

class TlsClient {
 public:
  // Connects and completes the handshake; throws std::runtime_error on failure.
  explicit TlsClient(TlsClientOptions options);
  ~TlsClient();

  void send(const std::string& bytes);
  // The next complete SIP message (or a lone CRLF pong, returned as "\r\n");
  // nullopt on timeout; throws on connection close.
  std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the server closed the connection within `timeout` (bytes that
  // arrive meanwhile are discarded).
  bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The DNS names in the server certificate's subjectAltName.
  std::vector<std::string> server_certificate_dns_names() const;

 private:
  boost::asio::io_context io_;
  boost::asio::ssl::context ctx_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> stream_;
  std::string buffer_;
  bool eof_ = false;
  bool read_some(std::chrono::milliseconds timeout);
};

// Opens a TCP connection and sends nothing: for handshake-timeout tests.
// Returns true when the server closes it within `timeout`.
bool raw_tcp_closed_by_peer(const std::string& host, unsigned short port, std::chrono::milliseconds timeout);

// A minimal request with every mandatory header (RFC 3261 §8.1.1).
std::string make_request(const std::string& method, const std::string& uri, const std::string& branch,
                         const std::string& extra_headers = {}, const std::string& body = {});

}  // namespace credsvc::testing
