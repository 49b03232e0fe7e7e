// Limits of the SIP-over-TLS transport. Every one is configurable; the
// defaults are safe for a public listener. Hitting one ends the offending
// connection and no other.
#pragma once

#include <chrono>
#include <cstddef>

namespace credsvc::transport {

struct TransportLimits {
  // Largest SIP message (headers + body) accepted; larger → 513, close.
  std::size_t max_message_size = 64 * 1024;
  // Header fields in one message; more → 400, close.
  std::size_t max_headers = 128;
  // Open connections from one IP address; more are refused at accept.
  std::size_t max_connections_per_address = 128;
  // Open connections in all.
  std::size_t max_connections = 20000;
  // Time for a TLS handshake to complete.
  std::chrono::milliseconds handshake_timeout{10'000};
  // Time without any bytes from the peer (CRLFCRLF keep-alives count).
  std::chrono::milliseconds idle_timeout{300'000};
  // Bytes queued for sending to a peer that does not read; more → close.
  std::size_t max_send_queue_bytes = 1024 * 1024;
};

}  // namespace credsvc::transport
