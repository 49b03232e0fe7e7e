#include "scripted_sip_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include "certs/issue_certificate.hpp"
#include "sip/framing.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua::test {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ScriptedSipServer::Impl {
  Impl() : ctx(asio::ssl::context::tls_server), acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    certs::IssueRequest r;
    r.common_name = "example.test";
    r.san_dns = {"example.test"};
    r.not_before = Clock::now() - 1h;
    r.not_after = Clock::now() + 24h;
    const auto cert = certs::issue_certificate(r, key, &root_ca().cert, root_ca().key);
    const std::string chain = cert.to_pem();
    const std::string key_pem = key.to_pkcs8_pem();
    ctx.use_certificate_chain(asio::buffer(chain));
    ctx.use_private_key(asio::buffer(key_pem), asio::ssl::context::pem);
  }
  asio::io_context io;
  asio::ssl::context ctx;
  tcp::acceptor acceptor;
  std::unique_ptr<asio::ssl::stream<tcp::socket>> stream;
  std::mutex stream_mutex;
};

ScriptedSipServer::ScriptedSipServer(Handler handler)
    : handler_(std::move(handler)), impl_(std::make_shared<Impl>()) {
  port_ = impl_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { run(); });
}

ScriptedSipServer::~ScriptedSipServer() {
  stopping_ = true;
  bool accepted = false;
  {
    boost::system::error_code ec;
    std::lock_guard lock(impl_->stream_mutex);
    accepted = impl_->stream != nullptr;
    // shutdown(2) wakes a blocked read on Linux.
    if (accepted) impl_->stream->lowest_layer().shutdown(tcp::socket::shutdown_both, ec);
  }
  if (!accepted) {
    // Nobody connected: wake the blocked accept with a connection of our own.
    boost::system::error_code ec;
    asio::io_context io;
    tcp::socket wake(io);
    wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
    thread_.join();
    return;
  }
  thread_.join();
}

std::vector<sip::Message> ScriptedSipServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void ScriptedSipServer::run() {
  boost::system::error_code ec;
  tcp::socket socket(impl_->io);
  impl_->acceptor.accept(socket, ec);
  if (ec) return;
  {
    std::lock_guard lock(impl_->stream_mutex);
    if (stopping_) return;
    impl_->stream = std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket), impl_->ctx);
  }
  auto& stream = *impl_->stream;
  stream.handshake(asio::ssl::stream_base::server, ec);
  if (ec) return;
  std::string buffer;
  std::array<char, 16384> chunk{};
  for (;;) {
    const auto frame = sip::find_frame(buffer, 1 << 20);
    if (frame.status == sip::FrameStatus::Complete) {
      auto parsed = sip::parse_message(buffer.substr(frame.skip, frame.length));
      buffer.erase(0, frame.consumed());
      if (!parsed.ok()) continue;
      {
        std::lock_guard lock(mutex_);
        received_.push_back(parsed.msg);
      }
      for (const auto& out : handler_(parsed.msg)) asio::write(stream, asio::buffer(out), ec);
      if (close_after_next_) {
        stream.shutdown(ec);
        stream.lowest_layer().close(ec);
        return;
      }
      continue;
    }
    const std::size_t n = stream.read_some(asio::buffer(chunk), ec);
    if (ec) return;
    buffer.append(chunk.data(), n);
  }
}

std::string response_to(const sip::Message& request, int status, const std::vector<std::string>& headers,
                        const std::string& to_tag) {
  auto b = sip::make_response(request, status, {}, to_tag);
  for (const auto& line : headers) {
    const auto colon = line.find(':');
    b.add(line.substr(0, colon), line.substr(colon + 2));
  }
  return b.build();
}

}  // namespace credsvc::ua::test
