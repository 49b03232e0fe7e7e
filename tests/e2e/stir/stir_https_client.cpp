#include "stir_https_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace credsvc::testing {
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

StirHttpResponse stir_post(const StirHttpsClientOptions& o, const std::string& target, const std::string& body,
                           const std::optional<std::string>& bearer, const std::string& content_type) {
  try {
    asio::io_context io;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.add_certificate_authority(asio::buffer(o.ca_pem));
    ctx.set_verify_mode(asio::ssl::verify_peer);
    if (o.client_chain_pem && o.client_key_pem) {
      ctx.use_certificate_chain(asio::buffer(*o.client_chain_pem));
      ctx.use_private_key(asio::buffer(*o.client_key_pem), asio::ssl::context::pem);
    }
    asio::ssl::stream<asio::ip::tcp::socket> stream(io, ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), o.server_name.c_str());
    SSL_set1_host(stream.native_handle(), o.server_name.c_str());
    stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), o.port});
    stream.handshake(asio::ssl::stream_base::client);

    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, o.server_name);
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    if (bearer) req.set(bhttp::field::authorization, "Bearer " + *bearer);
    req.body() = body;
    req.keep_alive(false);
    req.prepare_payload();
    bhttp::write(stream, req);

    boost::beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1 << 20);
    bhttp::read(stream, buffer, parser);
    const auto& res = parser.get();
    StirHttpResponse out;
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    return out;
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error(std::string("HTTPS exchange failed: ") + e.what());
  }
}

}  // namespace credsvc::testing
