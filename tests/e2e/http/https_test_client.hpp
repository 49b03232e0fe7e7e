// A blocking HTTPS client for the tests, on Beast and Asio SSL: verifies the
// server against a CA (PEM), sends SNI on request, can bind a source address,
// and bounds every wait.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "http/http_message.hpp"

namespace credsvc::testing {

struct HttpsClientOptions {
  unsigned short port = 0;
  std::string address = "127.0.0.1";
  std::string ca_pem;                          // trust anchor
  std::optional<std::string> server_name;      // SNI and the name verified; none: no SNI, no name check
  std::optional<std::string> source_address;  // bind locally first (e.g. 127.0.0.2)
  std::optional<std::string> client_chain_pem;  // a client certificate (leaf first) ...
  std::optional<std::string> client_key_pem;    // ... and its PKCS#8 key
};

class HttpsTestClient {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects and completes the handshake; throws std::runtime_error on failure.
  explicit HttpsTestClient(HttpsClientOptions options);
  ~HttpsTestClient();

  // One request, one response (throws on close or timeout).
  http::Response request(http::Verb verb, const std::string& target, const std::string& body = {},
                         const std::vector<std::pair<std::string, std::string>>& headers = {});
  http::Response get(const std::string& target) { return request(http::Verb::get, target); }

  // Bytes as they are, through TLS.
  void write_raw(const std::string& bytes);
  // The next response; nullopt when the server closed the connection first.
  // Throws std::runtime_error on timeout. `head`: a response to HEAD (no body).
  std::optional<http::Response> read_response(bool head = false,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the server closes the connection within `timeout` (what it
  // sends meanwhile is dropped).
  bool closed_by_peer(std::chrono::milliseconds timeout);

  certs::Certificate server_certificate() const;

 private:
  boost::asio::io_context io_;
  boost::asio::ssl::context ctx_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> stream_;
  boost::beast::flat_buffer buffer_;
  std::string host_header_;
};

// Opens a TCP connection and sends nothing; true when the server closes it
// within `timeout`.
bool tcp_closed_by_peer(unsigned short port, std::chrono::milliseconds timeout);

}  // namespace credsvc::testing
