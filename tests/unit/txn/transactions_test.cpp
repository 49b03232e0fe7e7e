#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "sip/parser.hpp"
#include "txn/client_transactions.hpp"
#include "txn/server_transactions.hpp"
#include "txn/transaction_key.hpp"

namespace credsvc::txn {
namespace {
using namespace std::chrono_literals;
using Clock = ServerTransactions::Clock;

sip::Message parse(const std::string& text) {
  auto r = sip::parse_message(text);
  EXPECT_TRUE(r.ok()) << r.reason;
  return r.msg;
}

std::string request(const std::string& method, const std::string& via) {
  return method + " sip:bob@example.test SIP/2.0\r\nVia: " + via +
         "\r\nMax-Forwards: 70\r\nTo: <sip:bob@example.test>\r\nFrom: <sip:a@example.test>;tag=1\r\n"
         "Call-ID: c1\r\nCSeq: 7 " + method + "\r\nContent-Length: 0\r\n\r\n";
}

TEST(TransactionKey, BranchSentByAndMethodMatter) {
  const auto a = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TLS h.example:5061;branch=z9hG4bKx")));
  const auto b = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TLS H.EXAMPLE:5061;branch=z9hG4bKx")));
  const auto c = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TLS h.example:5062;branch=z9hG4bKx")));
  const auto d = server_transaction_key(parse(request("PUBLISH", "SIP/2.0/TLS h.example:5061;branch=z9hG4bKx")));
  const auto e = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TLS h.example:5061;branch=z9hG4bKX")));
  ASSERT_TRUE(a && b && c && d && e);
  EXPECT_EQ(*a, *b) << "sent-by host is case-insensitive";
  EXPECT_NE(*a, *c);
  EXPECT_NE(*a, *d);
  EXPECT_NE(*a, *e) << "branch is case-sensitive";
}

TEST(TransactionKey, Rfc2543RequestsAreMatchedByTheirHeaders) {
  const auto a = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TCP h.example;branch=old1")));
  const auto b = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TCP h.example;branch=old1")));
  const auto c = server_transaction_key(parse(request("OPTIONS", "SIP/2.0/TCP h.example;branch=old2")));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST(TransactionKey, NewBranchesCarryTheCookieAndDiffer) {
  const auto a = new_branch();
  const auto b = new_branch();
  EXPECT_EQ(a.rfind("z9hG4bK", 0), 0u);
  EXPECT_EQ(a.size(), 7u + 24u);
  EXPECT_NE(a, b);
}

TEST(ServerTransactions, RetransmissionsAreAbsorbedThenAnsweredAlike) {
  ServerTransactions t({10s, 100});
  const auto now = Clock::now();
  EXPECT_EQ(t.begin("k", now).disposition, ServerTransactions::Disposition::fresh);
  EXPECT_EQ(t.begin("k", now).disposition, ServerTransactions::Disposition::in_progress);
  t.complete("k", "SIP/2.0 200 OK\r\n\r\n", now);
  const auto again = t.begin("k", now + 5s);
  EXPECT_EQ(again.disposition, ServerTransactions::Disposition::answered);
  EXPECT_EQ(again.response, "SIP/2.0 200 OK\r\n\r\n");
  // After the linger time the key starts a new transaction.
  EXPECT_EQ(t.begin("k", now + 11s).disposition, ServerTransactions::Disposition::fresh);
}

TEST(ServerTransactions, PurgeDropsOnlyExpiredAnsweredEntries) {
  ServerTransactions t({10s, 100});
  const auto now = Clock::now();
  t.begin("answered", now);
  t.complete("answered", "r", now);
  t.begin("pending", now);
  EXPECT_EQ(t.purge(now + 5s), 0u);
  EXPECT_EQ(t.purge(now + 11s), 1u);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.begin("pending", now + 11s).disposition, ServerTransactions::Disposition::in_progress);
}

TEST(ServerTransactions, TableLimitRefusesNewTransactions) {
  ServerTransactions t({10s, 2});
  const auto now = Clock::now();
  EXPECT_EQ(t.begin("a", now).disposition, ServerTransactions::Disposition::fresh);
  EXPECT_EQ(t.begin("b", now).disposition, ServerTransactions::Disposition::fresh);
  EXPECT_EQ(t.begin("c", now).disposition, ServerTransactions::Disposition::overloaded);
}

}  // namespace
}  // namespace credsvc::txn
