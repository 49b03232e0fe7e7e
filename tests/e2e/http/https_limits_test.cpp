// Every limit of the HTTPS server, over real TLS: the offending connection
// gets the right status (when HTTP still can) and is closed, while another
// client goes on unaffected.
#include <gtest/gtest.h>

#include <future>

#include "https_fixture.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
using http::Status;
using Clock = std::chrono::steady_clock;

using HttpsLimits = HttpsFixture;

// Three requests on an established connection, all answered.
void expect_unaffected(HttpsTestClient& other) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(other.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsLimits, OversizedHeaderIs431AndClosed) {
  auto other = client();
  auto c = client();
  c.write_raw("GET /healthz HTTP/1.1\r\nHost: a.example\r\nX-Filler: " + std::string(9000, 'f') + "\r\n\r\n");
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::request_header_fields_too_large);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(c.closed_by_peer(3s));
  expect_unaffected(other);
}

TEST_F(HttpsLimits, HeaderJustUnderTheLimitIsServed) {
  auto c = client();
  const auto r = c.request(http::Verb::get, "/healthz", {}, {{"X-Filler", std::string(7000, 'f')}});
  EXPECT_EQ(r.result(), Status::ok);
}

TEST_F(HttpsLimits, OversizedBodyIs413AndClosed) {
  auto other = client();
  auto c = client();
  // Refused on its declared length, before the body is read.
  c.write_raw("POST /test/echo HTTP/1.1\r\nHost: a.example\r\nContent-Length: 100000\r\n\r\n" +
              std::string(1000, 'b'));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::payload_too_large);
  EXPECT_TRUE(c.closed_by_peer(3s));
  expect_unaffected(other);
}

TEST_F(HttpsLimits, OversizedChunkedBodyIs413) {
  auto c = client();
  std::string request = "POST /test/echo HTTP/1.1\r\nHost: a.example\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + std::string(0x4000, 'c') + "\r\n";  // 80 KiB in all
  request += "0\r\n\r\n";
  try {
    c.write_raw(request);
  } catch (const std::runtime_error&) {
    // The server may close before taking it all; its answer is already sent.
  }
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::payload_too_large);
}

TEST_F(HttpsLimits, BodyAtTheLimitIsServed) {
  auto c = client();
  const std::string body(limits_.max_body_size, 'x');
  const auto r = c.request(http::Verb::post, "/test/echo", body);
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(r.body().size(), body.size());
}

TEST_F(HttpsLimits, SlowRequestIs408AndClosedAfterTheRequestTimeout) {
  auto other = client();
  auto c = client();
  const auto start = Clock::now();
  c.write_raw("GET /healthz HTTP/1.1\r\nHost: a.example\r\n");  // and never the end of the header
  // Meanwhile the other client is served at once.
  expect_unaffected(other);
  const auto r = c.read_response(false, 10s);
  const auto waited = Clock::now() - start;
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::request_timeout);
  EXPECT_GE(waited, limits_.request_timeout - 100ms);
  EXPECT_TRUE(c.closed_by_peer(3s));
  expect_unaffected(other);
}

TEST_F(HttpsLimits, SlowBodyIs408) {
  auto c = client();
  c.write_raw("POST /test/echo HTTP/1.1\r\nHost: a.example\r\nContent-Length: 10\r\n\r\nabc");
  const auto r = c.read_response(false, 10s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::request_timeout);
}

TEST_F(HttpsLimits, IdleKeepAliveConnectionIsClosedQuietly) {
  auto c = client();
  ASSERT_EQ(c.get("/healthz").result(), Status::ok);
  const auto start = Clock::now();
  EXPECT_TRUE(c.closed_by_peer(10s));  // no 408: nothing was asked
  EXPECT_GE(Clock::now() - start, limits_.idle_timeout - 100ms);
}

TEST_F(HttpsLimits, SilentConnectionIsClosedAfterTheHandshakeTimeout) {
  const auto start = Clock::now();
  auto silent = std::async(std::launch::async, [this] { return tcp_closed_by_peer(port(), 10s); });
  // Meanwhile others connect and are served.
  std::this_thread::sleep_for(100ms);
  auto other = client();
  expect_unaffected(other);
  EXPECT_TRUE(silent.get());
  EXPECT_GE(Clock::now() - start, limits_.handshake_timeout - 100ms);
  expect_unaffected(other);
}

TEST_F(HttpsLimits, RequestsPerConnectionAreCapped) {
  auto limits = test_limits();
  limits.max_requests_per_connection = 2;
  start_server(limits);
  auto c = client();
  const auto first = c.get("/healthz");
  EXPECT_TRUE(first.keep_alive());
  const auto second = c.get("/healthz");
  EXPECT_EQ(second.result(), Status::ok);
  EXPECT_FALSE(second.keep_alive());
  EXPECT_TRUE(c.closed_by_peer(3s));
}

// Waits until the server counts at most `n` open connections.
bool open_connections_drop_to(const http::HttpsServer& server, std::size_t n) {
  for (int i = 0; i < 250; ++i) {
    if (server.stats().open_connections <= n) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST_F(HttpsLimits, ConnectionsPerAddressAndInAllAreCapped) {
  auto limits = test_limits();
  limits.max_connections_per_address = 2;
  limits.max_connections = 3;
  start_server(limits);

  auto first = std::make_unique<HttpsTestClient>(client_options(std::nullopt, "127.0.0.1"));
  auto second = client(std::nullopt, "127.0.0.1");
  // A third from the same address is cut before TLS.
  EXPECT_THROW(client(std::nullopt, "127.0.0.1"), std::runtime_error);
  // Another address still gets in...
  auto third = client(std::nullopt, "127.0.0.2");
  EXPECT_EQ(third.get("/healthz").result(), Status::ok);
  // ...until the total is reached.
  EXPECT_THROW(client(std::nullopt, "127.0.0.3"), std::runtime_error);
  EXPECT_EQ(server_->stats().connections_refused, 2u);
  // Those admitted are served.
  EXPECT_EQ(first->get("/healthz").result(), Status::ok);
  EXPECT_EQ(second.get("/healthz").result(), Status::ok);

  // A closed connection gives its slot back.
  first.reset();
  ASSERT_TRUE(open_connections_drop_to(*server_, 2));
  auto again = client(std::nullopt, "127.0.0.1");
  EXPECT_EQ(again.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsLimits, StopClosesOpenConnections) {
  auto c = client();
  ASSERT_EQ(c.get("/healthz").result(), Status::ok);
  server_->stop();
  EXPECT_TRUE(c.closed_by_peer(3s));
  EXPECT_TRUE(open_connections_drop_to(*server_, 0));
}

}  // namespace
}  // namespace credsvc::testing
