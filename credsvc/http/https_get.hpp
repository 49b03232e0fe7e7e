// One HTTPS GET for the certificate fetcher: resolve, connect, TLS with SNI
// and verification of the server certificate against the client context's
// trust anchors and the URL's host, one request, one response within a size
// limit, all under one deadline. Redirects are not followed (a 3xx is a
// status like any other).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

#include "http/fetch_url.hpp"

namespace credsvc::http {

struct HttpsGetLimits {
  std::chrono::milliseconds timeout{5'000};  // resolve through the last body byte
  std::size_t max_response_size = 64 * 1024;  // the body; the header gets min(this, 16 KiB)
};

struct HttpsGetResult {
  std::error_code error;  // see fetch_error.hpp
  unsigned status = 0;
  std::string content_type;
  std::string cache_control;
  std::string body;
};

// `tls` must verify peers (transport::make_client_context). `done` runs once,
// on the exchange's own strand. A non-empty `connect_address` (an IP address)
// is connected to instead of resolving url.host; SNI and the certificate
// check still use url.host.
void https_get(boost::asio::io_context& io, std::shared_ptr<boost::asio::ssl::context> tls, FetchUrl url,
               std::string connect_address, HttpsGetLimits limits, std::function<void(HttpsGetResult)> done);

}  // namespace credsvc::http
