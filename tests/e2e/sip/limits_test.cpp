// Each transport limit ends the offending connection the documented way while
// another client on the same server is unaffected.
#include <gtest/gtest.h>

#include "server_process.hpp"
#include "tls_client.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;

std::string status_line(const std::string& msg) { return msg.substr(0, msg.find("\r\n")); }

class Limits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--max-message-size", "4096", "--max-headers", "32", "--max-connections-per-address", "4",
        "--handshake-timeout", "1", "--idle-timeout", "2", "--max-send-queue", "8192"});
  }
  static void TearDownTestSuite() { server_.reset(); }

  static TlsClientOptions options(const std::string& source = "127.0.0.1") {
    TlsClientOptions o;
    o.port = server_->sip_port();
    o.ca_file = server_->ca_file();
    o.server_name = "example.test";
    o.source_address = source;
    return o;
  }
  // A second, well-behaved client from another loopback address: it must not notice.
  static void expect_bystander_unaffected(TlsClient& bystander, const std::string& branch) {
    bystander.send(make_request("OPTIONS", "sip:example.test", branch));
    const auto r = bystander.receive(5s);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
  }
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Limits, OversizedMessageGets513AndClose) {
  TlsClient bystander(options("127.0.0.2"));
  TlsClient c(options());
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKbig", "Content-Type: text/plain\r\n",
                      std::string(5000, 'x')));
  const auto r = c.receive(5s);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(status_line(*r), "SIP/2.0 513 Message Too Large");
  EXPECT_TRUE(c.closed_by_peer(5s));
  expect_bystander_unaffected(bystander, "z9hG4bKby1");
}

TEST_F(Limits, TooManyHeadersGets400AndClose) {
  TlsClient bystander(options("127.0.0.2"));
  TlsClient c(options());
  std::string extra;
  for (int i = 0; i < 40; ++i) extra += "X-Filler-" + std::to_string(i) + ": y\r\n";
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKmany", extra));
  const auto r = c.receive(5s);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(status_line(*r), "SIP/2.0 400 Too many headers");
  EXPECT_TRUE(c.closed_by_peer(5s));
  expect_bystander_unaffected(bystander, "z9hG4bKby2");
}

TEST_F(Limits, ConnectionsPerAddressAreCapped) {
  TlsClient bystander(options("127.0.0.2"));
  std::vector<std::unique_ptr<TlsClient>> held;
  for (int i = 0; i < 4; ++i) held.push_back(std::make_unique<TlsClient>(options("127.0.0.3")));
  // The fifth from the same address is closed before any TLS.
  EXPECT_THROW(TlsClient extra(options("127.0.0.3")), std::exception);
  expect_bystander_unaffected(bystander, "z9hG4bKby3");
  // Closing one frees its slot.
  held.pop_back();
  std::this_thread::sleep_for(300ms);
  EXPECT_NO_THROW(TlsClient again(options("127.0.0.3")));
}

TEST_F(Limits, SilentTcpConnectionIsClosedAfterTheHandshakeTimeout) {
  TlsClient bystander(options("127.0.0.2"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(raw_tcp_closed_by_peer("127.0.0.1", server_->sip_port(), 5s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
  expect_bystander_unaffected(bystander, "z9hG4bKby4");
}

TEST_F(Limits, IdleConnectionIsClosedButKeepAlivesKeepItOpen) {
  TlsClient keeper(options("127.0.0.2"));
  TlsClient idle(options());
  // Keep-alives every 500 ms keep `keeper` open past the 2 s idle limit.
  for (int i = 0; i < 6; ++i) {
    keeper.send("\r\n\r\n");
    ASSERT_EQ(keeper.receive(2s), std::string("\r\n"));
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_TRUE(idle.closed_by_peer(3s));
  expect_bystander_unaffected(keeper, "z9hG4bKby5");
}

TEST_F(Limits, PeerThatDoesNotReadIsDisconnected) {
  TlsClient bystander(options("127.0.0.2"));
  auto o = options();
  o.receive_buffer = 4096;
  TlsClient slow(o);
  // Requests keep coming and no answer is ever read. Each answer copies the
  // request's padded Via, tag and Call-ID, so once the socket buffers are full the server's
  // queue for this peer passes its 8 KiB limit and the server hangs up; our
  // writes then fail. Reading here would un-stall the server, so we never do.
  const std::string pad(1000, 'p');  // the branch recurs in From's tag and Call-ID: ~3 KB a request
  auto last_ping = std::chrono::steady_clock::now();
  bool closed = false;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  try {
    for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
      slow.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKslow" + std::to_string(i) + pad));
      // The bystander pings meanwhile: this suite's idle limit is 2 s.
      if (std::chrono::steady_clock::now() - last_ping > 500ms) {
        bystander.send("\r\n\r\n");
        ASSERT_EQ(bystander.receive(2s), std::string("\r\n"));
        last_ping = std::chrono::steady_clock::now();
      }
    }
  } catch (const std::exception&) {
    closed = true;  // the write failed: the server closed the connection
  }
  EXPECT_TRUE(closed) << "the server kept a peer that never reads";
  // And it was this limit that ended it.
  EXPECT_TRUE(server_->child().wait_for_output("peer does not read", 5s)) << server_->child().err();
  expect_bystander_unaffected(bystander, "z9hG4bKby6");
}

}  // namespace
}  // namespace credsvc::testing
