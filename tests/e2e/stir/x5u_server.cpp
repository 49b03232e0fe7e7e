#include "x5u_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace credsvc::testing {
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

struct X5uServer::State {
  asio::io_context io;
  asio::ssl::context ctx{asio::ssl::context::tls_server};
  asio::ip::tcp::acceptor acceptor{io};
  std::string body;
  std::atomic<bool> stopping{false};
};

X5uServer::X5uServer(const std::string& chain_pem, const std::string& key_pem, std::string body)
    : state_(std::make_unique<State>()) {
  state_->body = std::move(body);
  state_->ctx.use_certificate_chain(asio::buffer(chain_pem));
  state_->ctx.use_private_key(asio::buffer(key_pem), asio::ssl::context::pem);
  const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(ep.protocol());
  state_->acceptor.bind(ep);
  state_->acceptor.listen();
  port_ = state_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] {
    // One connection at a time is plenty for the tests.
    while (!state_->stopping) {
      boost::system::error_code ec;
      asio::ip::tcp::socket socket(state_->io);
      state_->acceptor.accept(socket, ec);
      if (ec || state_->stopping) break;
      asio::ssl::stream<asio::ip::tcp::socket> stream(std::move(socket), state_->ctx);
      stream.handshake(asio::ssl::stream_base::server, ec);
      if (ec) continue;
      boost::beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> req;
      bhttp::read(stream, buffer, req, ec);
      if (ec) continue;
      ++requests_;
      bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
      res.set(bhttp::field::content_type, "application/pem-certificate-chain");
      res.body() = state_->body;
      res.keep_alive(false);
      res.prepare_payload();
      bhttp::write(stream, res, ec);
      stream.shutdown(ec);
    }
  });
}

X5uServer::~X5uServer() {
  state_->stopping = true;
  // Wake the blocking accept with a connection of our own.
  boost::system::error_code ec;
  asio::ip::tcp::socket poke(state_->io);
  poke.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
  thread_.join();
}

}  // namespace credsvc::testing
