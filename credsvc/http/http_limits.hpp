// Limits of the HTTPS listener. Every one is configurable; the defaults are
// safe for a public listener. Hitting one answers the offending request (when
// HTTP still can) and closes that connection only.
#pragma once

#include <chrono>
#include <cstddef>

namespace credsvc::http {

struct HttpLimits {
  // Request line and header fields together; more → 431, close.
  std::size_t max_header_size = 8 * 1024;
  // Request body (Content-Length or chunked); more → 413, close.
  std::size_t max_body_size = 64 * 1024;
  // Open connections in all, and from one IP address; more are closed at accept.
  std::size_t max_connections = 10'000;
  std::size_t max_connections_per_address = 64;
  // Time for the TLS handshake to complete.
  std::chrono::milliseconds handshake_timeout{10'000};
  // Time to receive one whole request, from its first byte (from the end of
  // the handshake for the first request); expiry → 408, close.
  std::chrono::milliseconds request_timeout{10'000};
  // Time a keep-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{30'000};
  // Time to send one response to a client that reads slowly.
  std::chrono::milliseconds write_timeout{30'000};
  // Time a handler answering through its Responder may take; expiry → 503.
  // (An AwaitableHandler is not interrupted: it must bound its own waits.)
  std::chrono::milliseconds handler_timeout{30'000};
  // Requests on one connection before the server closes it (0: no limit).
  std::size_t max_requests_per_connection = 1'000;
};

}  // namespace credsvc::http
