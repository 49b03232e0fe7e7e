// Requests credsvc sends: a TLS connection opened on demand to a peer's host,
// verified against trust anchors and the host name, and a client transaction
// that ends with the peer's final response or Timer F.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "child.hpp"
#include "cli/sip_service.hpp"
#include "cli/test_ca.hpp"
#include "sip/message_builder.hpp"
#include "transport/outbound_connector.hpp"
#include "txn/transaction_key.hpp"

namespace credsvc::testing {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;

class Outbound : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto ca = cli::TestCa::load_or_create(temp_.path() / "ca");
    ca_pem_ = read_file(ca.certificate_file());
    // The peer: a real credsvc SIP service whose certificate names example.test and localhost.
    peer_ = std::make_unique<cli::SipService>(io_, cli::parse_listen_address("127.0.0.1:0"),
                                              std::vector<db::Domain>{ca.issue_domain("example.test")}, "",
                                              uas::UasOptions{});
    peer_->start();
    uas::UasOptions mine;
    mine.timer_f = 400ms;
    core_ = std::make_shared<uas::UasCore>(io_.get_executor(), mine, flows_);
    work_.emplace(io_.get_executor());
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    peer_->stop();
    work_.reset();
    io_.stop();
    thread_.join();
  }

  transport::OutboundConnector connector(std::optional<std::string> trust) {
    return transport::OutboundConnector(
        io_, std::shared_ptr<asio::ssl::context>(transport::make_client_context(trust)), {}, core_, flows_);
  }
  std::pair<std::error_code, std::shared_ptr<transport::Connection>> connect(transport::OutboundConnector& c,
                                                                           const std::string& host) {
    std::promise<std::pair<std::error_code, std::shared_ptr<transport::Connection>>> p;
    c.connect(host, peer_->local_endpoint().port(),
              [&p](std::error_code ec, std::shared_ptr<transport::Connection> conn) { p.set_value({ec, conn}); });
    auto f = p.get_future();
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }
  std::string request(const std::string& method, const std::string& branch) {
    return sip::MessageBuilder::request(method, "sip:example.test")
        .add("Via", "SIP/2.0/TLS credsvc.invalid;branch=" + branch)
        .add("Max-Forwards", "70")
        .add("To", "<sip:example.test>")
        .add("From", "<sip:credsvc@credsvc.invalid>;tag=ob1")
        .add("Call-ID", "outbound-" + branch)
        .add("CSeq", "1 " + method)
        .build();
  }

  TempDir temp_;
  std::string ca_pem_;
  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  transport::FlowTable flows_;
  std::shared_ptr<uas::UasCore> core_;
  std::unique_ptr<cli::SipService> peer_;
  std::thread thread_;
};

TEST_F(Outbound, VerifiedConnectionCarriesAClientTransactionToItsResponse) {
  auto c = connector(ca_pem_);
  auto [ec, conn] = connect(c, "localhost");
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(conn);
  EXPECT_TRUE(conn->peer_verified());
  EXPECT_EQ(flows_.find(conn->id()), conn);

  std::promise<int> status;
  const auto branch = txn::new_branch();
  core_->client_transactions().send(conn, branch, request("OPTIONS", branch),
                                    [&status](txn::ClientOutcome outcome, const sip::Message* response) {
                                      status.set_value(outcome == txn::ClientOutcome::response ? response->status() : -1);
                                    });
  auto f = status.get_future();
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(f.get(), 200);
  EXPECT_EQ(core_->client_transactions().size(), 0u);
}

TEST_F(Outbound, UnansweredRequestEndsWithTimerF) {
  auto c = connector(ca_pem_);
  auto [ec, conn] = connect(c, "localhost");
  ASSERT_FALSE(ec) << ec.message();
  std::promise<txn::ClientOutcome> outcome;
  const auto branch = txn::new_branch();
  // The peer absorbs an ACK without answering.
  const auto start = std::chrono::steady_clock::now();
  core_->client_transactions().send(conn, branch, request("ACK", branch),
                                    [&outcome](txn::ClientOutcome o, const sip::Message*) { outcome.set_value(o); });
  auto f = outcome.get_future();
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(f.get(), txn::ClientOutcome::timeout);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 390ms);
}

TEST_F(Outbound, UntrustedCertificateIsRefused) {
  auto c = connector(std::nullopt);  // system trust store only: the test CA is unknown
  auto [ec, conn] = connect(c, "localhost");
  EXPECT_TRUE(ec);
  // OpenSSL's reason reaches the caller (and its log line).
  EXPECT_NE(ec.message().find("certificate verify failed"), std::string::npos) << ec.message();
  EXPECT_FALSE(conn);
  EXPECT_EQ(flows_.size(), 0u);
}

TEST_F(Outbound, CertificateForAnotherNameIsRefused) {
  auto c = connector(ca_pem_);
  // The certificate names example.test and localhost, not 127.0.0.1.
  auto [ec, conn] = connect(c, "127.0.0.1");
  EXPECT_TRUE(ec);
  EXPECT_NE(ec.message().find("certificate verify failed"), std::string::npos) << ec.message();
  EXPECT_FALSE(conn);
}

}  // namespace
}  // namespace credsvc::testing
