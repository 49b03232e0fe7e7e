#include "https_test_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <stdexcept>

namespace credsvc::testing {
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Runs `start`'s operation for at most `timeout`; on expiry cancels it.
template <typename Start>
error_code run_bounded(asio::io_context& io, tcp::socket& socket, Start start, std::chrono::milliseconds timeout,
                       bool& timed_out) {
  bool done = false;
  error_code result;
  start([&](const error_code& ec, auto&&...) {
    result = ec;
    done = true;
  });
  io.restart();
  io.run_for(timeout);
  timed_out = !done;
  if (!done) {
    error_code ignored;
    socket.cancel(ignored);
    io.restart();
    io.run();
  }
  return result;
}

}  // namespace

HttpsTestClient::HttpsTestClient(HttpsClientOptions options) : ctx_(asio::ssl::context::tls_client) {
  ctx_.add_certificate_authority(asio::buffer(options.ca_pem));
  ctx_.set_verify_mode(asio::ssl::verify_peer);
  if (options.client_chain_pem && options.client_key_pem) {
    ctx_.use_certificate_chain(asio::buffer(*options.client_chain_pem));
    ctx_.use_private_key(asio::buffer(*options.client_key_pem), asio::ssl::context::pem);
  }
  stream_ = std::make_unique<asio::ssl::stream<tcp::socket>>(io_, ctx_);
  auto& sock = stream_->next_layer();
  const auto address = asio::ip::make_address(options.address);
  sock.open(address.is_v6() ? tcp::v6() : tcp::v4());
  if (options.source_address) sock.bind(tcp::endpoint(asio::ip::make_address(*options.source_address), 0));
  sock.connect(tcp::endpoint(address, options.port));
  host_header_ = options.server_name.value_or(options.address);
  if (options.server_name) {
    SSL_set_tlsext_host_name(stream_->native_handle(), options.server_name->c_str());
    SSL_set1_host(stream_->native_handle(), options.server_name->c_str());
  }
  bool timed_out = false;
  const auto ec = run_bounded(
      io_, sock, [&](auto handler) { stream_->async_handshake(asio::ssl::stream_base::client, handler); },
      std::chrono::seconds(5), timed_out);
  if (timed_out) throw std::runtime_error("TLS handshake timed out");
  if (ec) throw std::runtime_error("TLS handshake failed: " + ec.message());
}

HttpsTestClient::~HttpsTestClient() {
  error_code ignored;
  stream_->next_layer().close(ignored);
}

http::Response HttpsTestClient::request(http::Verb verb, const std::string& target, const std::string& body,
                                        const std::vector<std::pair<std::string, std::string>>& headers) {
  http::Request req{verb, target, 11};
  req.set(bhttp::field::host, host_header_);
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || verb == http::Verb::post || verb == http::Verb::put) req.prepare_payload();
  bool timed_out = false;
  const auto ec = run_bounded(
      io_, stream_->next_layer(), [&](auto handler) { bhttp::async_write(*stream_, req, handler); },
      std::chrono::seconds(5), timed_out);
  if (timed_out || ec) throw std::runtime_error("request not sent: " + (timed_out ? "timeout" : ec.message()));
  auto response = read_response(verb == http::Verb::head);
  if (!response) throw std::runtime_error("server closed the connection without a response");
  return std::move(*response);
}

void HttpsTestClient::write_raw(const std::string& bytes) {
  bool timed_out = false;
  const auto ec = run_bounded(
      io_, stream_->next_layer(), [&](auto handler) { asio::async_write(*stream_, asio::buffer(bytes), handler); },
      std::chrono::seconds(5), timed_out);
  if (timed_out || ec) throw std::runtime_error("raw bytes not sent: " + (timed_out ? "timeout" : ec.message()));
}

std::optional<http::Response> HttpsTestClient::read_response(bool head, std::chrono::milliseconds timeout) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  parser.skip(head);
  bool timed_out = false;
  const auto ec = run_bounded(
      io_, stream_->next_layer(), [&](auto handler) { bhttp::async_read(*stream_, buffer_, parser, handler); },
      timeout, timed_out);
  if (timed_out) throw std::runtime_error("no response within the time limit");
  if (ec) return std::nullopt;
  return parser.release();
}

bool HttpsTestClient::closed_by_peer(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::array<char, 4096> sink{};
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    bool timed_out = false;
    const auto ec = run_bounded(
        io_, stream_->next_layer(), [&](auto handler) { stream_->async_read_some(asio::buffer(sink), handler); }, left,
        timed_out);
    if (timed_out) return false;
    if (ec) return true;
  }
}

certs::Certificate HttpsTestClient::server_certificate() const {
  X509* peer = SSL_get0_peer_certificate(stream_->native_handle());
  if (peer == nullptr) throw std::runtime_error("no server certificate");
  return certs::Certificate::from_native(peer);
}

bool tcp_closed_by_peer(unsigned short port, std::chrono::milliseconds timeout) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::array<char, 64> sink{};
  bool timed_out = false;
  const auto ec = run_bounded(
      io, socket, [&](auto handler) { socket.async_read_some(asio::buffer(sink), handler); }, timeout, timed_out);
  return !timed_out && ec;
}

}  // namespace credsvc::testing
