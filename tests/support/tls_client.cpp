#include "tls_client.hpp"

#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

#include "sip/framing.hpp"

namespace credsvc::testing {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

TlsClient::TlsClient(TlsClientOptions options) : ctx_(asio::ssl::context::tls_client) {
  ctx_.load_verify_file(options.ca_file);
  ctx_.set_verify_mode(asio::ssl::verify_peer);
  if (options.cert_file) ctx_.use_certificate_chain_file(*options.cert_file);
  if (options.key_file) ctx_.use_private_key_file(*options.key_file, asio::ssl::context::pem);
  stream_ = std::make_unique<asio::ssl::stream<tcp::socket>>(io_, ctx_);
  auto& sock = stream_->lowest_layer();
  const auto address = asio::ip::make_address(options.host);
  sock.open(address.is_v6() ? tcp::v6() : tcp::v4());
  if (options.receive_buffer) sock.set_option(asio::socket_base::receive_buffer_size(*options.receive_buffer));
  if (options.source_address) sock.bind(tcp::endpoint(asio::ip::make_address(*options.source_address), 0));
  sock.connect(tcp::endpoint(address, options.port));
  if (options.server_name) SSL_set_tlsext_host_name(stream_->native_handle(), options.server_name->c_str());
  if (const auto& host = options.verify_host ? options.verify_host : options.server_name) {
    SSL_set1_host(stream_->native_handle(), host->c_str());
  }
  boost::system::error_code ec;
  stream_->handshake(asio::ssl::stream_base::client, ec);
  if (ec) throw std::runtime_error("TLS handshake failed: " + ec.message());
}

TlsClient::~TlsClient() {
  boost::system::error_code ec;
  stream_->lowest_layer().close(ec);
}

void TlsClient::send(const std::string& bytes) { asio::write(*stream_, asio::buffer(bytes)); }

bool TlsClient::read_some(std::chrono::milliseconds timeout) {
  std::array<char, 16384> chunk{};
  bool done = false;
  stream_->async_read_some(asio::buffer(chunk), [&](const boost::system::error_code& ec, std::size_t n) {
    done = true;
    if (ec) {
      eof_ = true;
      return;
    }
    buffer_.append(chunk.data(), n);
  });
  io_.restart();
  io_.run_for(timeout);
  if (!done) {
    // Cancel the pending read and let its handler run.
    stream_->lowest_layer().cancel();
    io_.restart();
    io_.run();
    eof_ = false;
    return false;
  }
  return !eof_;
}

std::optional<std::string> TlsClient::receive(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (buffer_.rfind("\r\n", 0) == 0 && (buffer_.size() == 2 || buffer_.compare(0, 4, "\r\n\r\n") != 0)) {
      buffer_.erase(0, 2);
      return std::string("\r\n");
    }
    const auto frame = sip::find_frame(buffer_, 1 << 24);
    if (frame.status == sip::FrameStatus::Complete) {
      std::string msg = buffer_.substr(frame.skip, frame.length);
      buffer_.erase(0, frame.consumed());
      return msg;
    }
    if (frame.status == sip::FrameStatus::Unframeable) throw std::runtime_error("unframeable reply");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    if (!read_some(left)) {
      if (eof_) throw std::runtime_error("connection closed by server");
    }
  }
}

bool TlsClient::closed_by_peer(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    read_some(left);
    if (eof_) return true;
    buffer_.clear();
  }
  return false;
}

std::vector<std::string> TlsClient::server_certificate_dns_names() const {
  std::vector<std::string> names;
  X509* cert = SSL_get0_peer_certificate(stream_->native_handle());
  if (cert == nullptr) return names;
  auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (sans == nullptr) return names;
  for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(sans, i);
    if (n->type == GEN_DNS) {
      names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                         static_cast<std::size_t>(ASN1_STRING_length(n->d.dNSName)));
    }
  }
  GENERAL_NAMES_free(sans);
  return names;
}

bool raw_tcp_closed_by_peer(const std::string& host, unsigned short port, std::chrono::milliseconds timeout) {
  asio::io_context io;
  tcp::socket sock(io);
  sock.connect(tcp::endpoint(asio::ip::make_address(host), port));
  std::array<char, 256> buf{};
  bool closed = false;
  std::function<void()> read = [&] {
    sock.async_read_some(asio::buffer(buf), [&](const boost::system::error_code& ec, std::size_t) {
      if (ec) {
        closed = true;
        return;
      }
      read();
    });
  };
  read();
  io.run_for(timeout);
  return closed;
}

std::string make_request(const std::string& method, const std::string& uri, const std::string& branch,
                         const std::string& extra_headers, const std::string& body) {
  std::string r = method + " " + uri + " SIP/2.0\r\n";
  r += "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=" + branch + "\r\n";
  r += "Max-Forwards: 70\r\n";
  r += "To: <" + uri + ">\r\n";
  r += "From: <sip:tester@example.test>;tag=t" + branch + "\r\n";
  r += "Call-ID: call-" + branch + "\r\n";
  r += "CSeq: 1 " + method + "\r\n";
  r += extra_headers;
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return r;
}

}  // namespace credsvc::testing
