#include "http/https_get.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/fetch_error.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMaxResponseHeader = 16 * 1024;

// One exchange; its handlers keep it alive.
struct Exchange {
  Exchange(asio::io_context& io, std::shared_ptr<asio::ssl::context> c, FetchUrl u, std::string address,
           HttpsGetLimits l)
      : strand(asio::make_strand(io)),
        resolver(strand),
        tls(std::move(c)),
        stream(tcp::socket(strand), *tls),
        timer(strand),
        url(std::move(u)),
        connect_address(std::move(address)),
        limits(l) {}

  asio::any_io_executor strand;
  tcp::resolver resolver;
  std::shared_ptr<asio::ssl::context> tls;
  asio::ssl::stream<tcp::socket> stream;
  asio::steady_timer timer;
  FetchUrl url;
  std::string connect_address;  // instead of resolving url.host, when not empty
  HttpsGetLimits limits;
  bool timed_out = false;
};

std::error_code to_std(const error_code& ec) { return ec; }

// Why a handshake failed, from OpenSSL's verification result.
std::error_code handshake_error(Exchange& x, const error_code& ec) {
  if (x.timed_out) return FetchError::timeout;
  const long verify = SSL_get_verify_result(x.stream.native_handle());
  if (verify != X509_V_OK) {
    spdlog::debug("certificate fetch from {}: server certificate rejected: {}", x.url.host,
                  X509_verify_cert_error_string(verify));
    if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      return FetchError::certificate_name_mismatch;
    }
    return FetchError::untrusted_certificate;
  }
  if (ec.category() == asio::error::get_ssl_category() || ec == asio::ssl::error::stream_truncated) {
    spdlog::debug("certificate fetch from {}: TLS handshake failed: {}", x.url.host, ec.message());
    return FetchError::tls_failed;
  }
  return to_std(ec);
}

asio::awaitable<HttpsGetResult> run(std::shared_ptr<Exchange> x) {
  HttpsGetResult result;
  error_code ec;
  auto fail = [&](std::error_code e) {
    result.error = x->timed_out ? std::error_code(FetchError::timeout) : e;
    return result;
  };

  // An override is an address already: resolve it numerically, never by DNS.
  // (Two statements, not a conditional expression: g++ 12 destroys the
  // result of a co_await inside ?: twice.)
  tcp::resolver::results_type endpoints;
  if (x->connect_address.empty()) {
    endpoints = co_await x->resolver.async_resolve(x->url.host, std::to_string(x->url.port),
                                                   asio::redirect_error(asio::use_awaitable, ec));
  } else {
    endpoints = co_await x->resolver.async_resolve(x->connect_address, std::to_string(x->url.port),
                                                   tcp::resolver::numeric_host | tcp::resolver::numeric_service,
                                                   asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) co_return fail(to_std(ec));
  co_await asio::async_connect(x->stream.next_layer(), endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return fail(to_std(ec));

  SSL* ssl = x->stream.native_handle();
  if (x->url.host_is_address) {
    // RFC 6066 §3: no SNI for an address; the certificate must carry it as an iPAddress SAN.
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), x->url.host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, x->url.host.c_str());
    SSL_set1_host(ssl, x->url.host.c_str());
  }
  co_await x->stream.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return fail(handshake_error(*x, ec));

  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, x->url.target, 11};
  request.set(bhttp::field::host, x->url.host_header);
  request.set(bhttp::field::user_agent, "credsvc");
  request.set(bhttp::field::accept, "application/pkix-cert, application/pem-certificate-chain");
  request.keep_alive(false);
  co_await bhttp::async_write(x->stream, request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return fail(to_std(ec));

  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(std::min(kMaxResponseHeader, x->limits.max_response_size)));
  parser.body_limit(static_cast<std::uint64_t>(x->limits.max_response_size));
  co_await bhttp::async_read(x->stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit ||
        ec == bhttp::error::buffer_overflow) {
      co_return fail(FetchError::too_large);
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category() ||
        ec == asio::ssl::error::stream_truncated) {
      co_return fail(FetchError::bad_response);
    }
    co_return fail(to_std(ec));
  }
  auto& response = parser.get();
  result.status = response.result_int();
  const auto type = response[bhttp::field::content_type];
  const auto cache = response[bhttp::field::cache_control];
  result.content_type.assign(type.data(), type.size());
  result.cache_control.assign(cache.data(), cache.size());
  result.body = std::move(response.body());
  co_return result;
}

}  // namespace

void https_get(asio::io_context& io, std::shared_ptr<asio::ssl::context> tls, FetchUrl url,
               std::string connect_address, HttpsGetLimits limits, std::function<void(HttpsGetResult)> done) {
  auto x = std::make_shared<Exchange>(io, std::move(tls), std::move(url), std::move(connect_address), limits);
  x->timer.expires_after(limits.timeout);
  x->timer.async_wait([weak = std::weak_ptr<Exchange>(x)](const error_code& ec) {
    if (ec) return;
    if (const auto self = weak.lock()) {
      self->timed_out = true;
      self->resolver.cancel();
      error_code ignored;
      self->stream.next_layer().close(ignored);
    }
  });
  asio::co_spawn(x->strand, run(x),
                 [x, done = std::move(done)](std::exception_ptr failure, HttpsGetResult result) {
                   x->timer.cancel();
                   error_code ignored;
                   x->stream.next_layer().close(ignored);
                   if (failure) {
                     try {
                       std::rethrow_exception(failure);
                     } catch (const std::exception& e) {
                       spdlog::warn("certificate fetch from {} failed: {}", x->url.host, e.what());
                     }
                     result = HttpsGetResult{};
                     result.error = FetchError::bad_response;
                   }
                   done(std::move(result));
                 });
}

}  // namespace credsvc::http
