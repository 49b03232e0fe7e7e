// The exchange trackers of the generator: a fetch is done at its 2xx and
// first NOTIFY in either order, fails at a final non-2xx or when marked, and
// expires; an authenticated PUBLISH answers the 401 with Digest that the
// server's own authenticator accepts, and is done at its 2xx.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "auth/digest_algorithm.hpp"
#include "auth/digest_authenticator.hpp"
#include "loadgen/bench_requests.hpp"
#include "loadgen/publish_exchanges.hpp"
#include "loadgen/request_ids.hpp"
#include "loadgen/subscribe_exchanges.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"

namespace credsvc::loadgen {
namespace {
using namespace std::chrono_literals;

sip::Message parse(const std::string& wire) {
  auto r = sip::parse_message(wire);
  if (!r.ok()) throw std::runtime_error("test message does not parse: " + r.reason + "\n" + wire);
  return r.msg;
}

const ua::LocalAddress kLocal{"127.0.0.1", 40000};

// A NOTIFY in the dialog of `subscribe`, as the notifier sends it.
sip::Message notify_for(const sip::Message& subscribe, const std::string& body = {}) {
  auto b = sip::MessageBuilder::request("NOTIFY", "sip:fetch@127.0.0.1:40000");
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKnotify1");
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, std::string(*subscribe.header(sip::HeaderId::To)) + ";tag=svc");
  b.add(sip::HeaderId::To, *subscribe.header(sip::HeaderId::From));
  b.add(sip::HeaderId::CallId, *subscribe.call_id());
  b.add(sip::HeaderId::CSeq, "1 NOTIFY");
  b.add(sip::HeaderId::Event, "certificate");
  b.add(sip::HeaderId::SubscriptionState, "terminated;reason=timeout");
  if (!body.empty()) b.body("application/pkix-cert", body);
  return parse(b.build());
}

TEST(BenchRequests, FetchIsACertificateSubscribeWithExpiresZero) {
  RequestIds ids("abc");
  const SubscribeWire a = certificate_subscribe(ua::parse_aor("alice@example.test"), 0, ids, kLocal);
  const SubscribeWire b = certificate_subscribe(ua::parse_aor("alice@example.test"), 3600, ids, kLocal);
  EXPECT_NE(a.call_id, b.call_id);
  const sip::Message m = parse(a.bytes);
  EXPECT_EQ(m.method(), sip::Method::Subscribe);
  EXPECT_EQ(m.request_uri_text(), "sip:alice@example.test");
  EXPECT_EQ(*m.call_id(), a.call_id);
  EXPECT_EQ(*m.header(sip::HeaderId::Event), "certificate");
  EXPECT_EQ(*m.header(sip::HeaderId::Accept), "application/pkix-cert");
  EXPECT_EQ(*m.header(sip::HeaderId::Expires), "0");
  EXPECT_EQ(*parse(b.bytes).header(sip::HeaderId::Expires), "3600");
  EXPECT_EQ(m.top_via()->branch().value_or("").substr(0, 7), "z9hG4bK");
  EXPECT_NE(a.bytes.find("SIP/2.0/TLS 127.0.0.1:40000;branch="), std::string::npos);
}

class SubscribeExchangesTest : public ::testing::Test {
 protected:
  SubscribeExchangesTest() {
    wire_ = certificate_subscribe(ua::parse_aor("alice@example.test"), 0, ids_, kLocal);
    subscribe_ = parse(wire_.bytes);
    exchanges_.add(wire_.call_id, 42, 3, t0_);
  }
  sip::Message response(int status) { return parse(sip::make_response(subscribe_, status, {}, "svc").build()); }

  RequestIds ids_{"t"};
  SubscribeWire wire_;
  sip::Message subscribe_;
  SubscribeExchanges exchanges_;
  Clock::time_point t0_ = Clock::now();
};

TEST_F(SubscribeExchangesTest, DoneAtTheResponseThenTheNotify) {
  auto out = exchanges_.on_message(response(200), t0_ + 1ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::pending);
  EXPECT_EQ(exchanges_.size(), 1u);
  out = exchanges_.on_message(notify_for(subscribe_, "DER"), t0_ + 5ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::done);
  EXPECT_TRUE(out.is_notify);
  EXPECT_EQ(out.tag, 42u);
  EXPECT_EQ(out.connection, 3u);
  EXPECT_EQ(out.notified - out.started, 5ms);
  EXPECT_EQ(exchanges_.size(), 0u);
  // A second NOTIFY is no longer ours.
  EXPECT_EQ(exchanges_.on_message(notify_for(subscribe_), t0_ + 6ms).kind, SubscribeExchanges::Kind::unrelated);
}

TEST_F(SubscribeExchangesTest, DoneWhenTheNotifyComesFirst) {
  auto out = exchanges_.on_message(notify_for(subscribe_), t0_ + 2ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::pending);
  EXPECT_TRUE(out.is_notify);
  EXPECT_EQ(exchanges_.on_message(response(100), t0_ + 3ms).kind, SubscribeExchanges::Kind::pending);
  out = exchanges_.on_message(response(202), t0_ + 4ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::done);
  EXPECT_FALSE(out.is_notify);
  EXPECT_EQ(out.notified - out.started, 2ms);  // latency runs to the NOTIFY
}

TEST_F(SubscribeExchangesTest, AFinalErrorFailsIt) {
  const auto out = exchanges_.on_message(response(503), t0_ + 1ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::failed);
  EXPECT_EQ(out.error, "status_503");
  EXPECT_EQ(out.connection, 3u);
  EXPECT_EQ(exchanges_.size(), 0u);
}

TEST_F(SubscribeExchangesTest, AMarkedExchangeFailsWhenComplete) {
  exchanges_.on_message(notify_for(subscribe_), t0_ + 1ms);
  exchanges_.mark_failed(wire_.call_id, "verify_identity_invalid");
  const auto out = exchanges_.on_message(response(200), t0_ + 2ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::failed);
  EXPECT_EQ(out.error, "verify_identity_invalid");
}

// A NOTIFY that fails verification fails its exchange whichever half came first.
TEST_F(SubscribeExchangesTest, FailTurnsADoneOutcomeIntoAFailure) {
  exchanges_.on_message(response(200), t0_ + 1ms);
  auto out = exchanges_.on_message(notify_for(subscribe_), t0_ + 2ms);
  ASSERT_EQ(out.kind, SubscribeExchanges::Kind::done);
  exchanges_.fail(out, wire_.call_id, "verify_identity_invalid");
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::failed);
  EXPECT_EQ(out.error, "verify_identity_invalid");
}

TEST_F(SubscribeExchangesTest, FailOfAPendingOutcomeTakesEffectWhenComplete) {
  auto first = exchanges_.on_message(notify_for(subscribe_), t0_ + 1ms);
  ASSERT_EQ(first.kind, SubscribeExchanges::Kind::pending);
  exchanges_.fail(first, wire_.call_id, "verify_identity_invalid");
  EXPECT_EQ(first.kind, SubscribeExchanges::Kind::pending);
  const auto out = exchanges_.on_message(response(200), t0_ + 2ms);
  EXPECT_EQ(out.kind, SubscribeExchanges::Kind::failed);
  EXPECT_EQ(out.error, "verify_identity_invalid");
}

TEST_F(SubscribeExchangesTest, OthersMessagesAreUnrelated) {
  RequestIds other("o");
  const sip::Message stranger = parse(certificate_subscribe(ua::parse_aor("bob@example.test"), 0, other, kLocal).bytes);
  EXPECT_EQ(exchanges_.on_message(notify_for(stranger), t0_).kind, SubscribeExchanges::Kind::unrelated);
  EXPECT_EQ(exchanges_.size(), 1u);
}

TEST_F(SubscribeExchangesTest, ExpireAndRemove) {
  std::vector<std::pair<std::uint64_t, std::size_t>> expired;
  exchanges_.expire(t0_, [&](std::uint64_t tag, std::size_t c) { expired.emplace_back(tag, c); });
  EXPECT_TRUE(expired.empty());  // started at t0, not before
  exchanges_.expire(t0_ + 1ms, [&](std::uint64_t tag, std::size_t c) { expired.emplace_back(tag, c); });
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0], (std::pair<std::uint64_t, std::size_t>{42, 3}));
  EXPECT_EQ(exchanges_.size(), 0u);
  exchanges_.add("x", 1, 0, t0_);
  EXPECT_TRUE(exchanges_.remove("x"));
  EXPECT_FALSE(exchanges_.remove("x"));
}

class PublishExchangesTest : public ::testing::Test {
 protected:
  PublishExchangesTest() {
    spec_.aor = ua::parse_aor("alice@example.test");
    spec_.content_type = "application/pkix-cert";
    spec_.body = "not really DER";
    spec_.expires = 3600;
  }

  auth::UserHa1 stored_alice() const {
    auth::UserHa1 u;
    u.aor = "alice@example.test";
    u.ha1_md5 = auth::compute_ha1(auth::DigestAlgorithm::md5, "alice", "example.test", "wonderland");
    u.ha1_sha256 = auth::compute_ha1(auth::DigestAlgorithm::sha256, "alice", "example.test", "wonderland");
    u.ha1_sha512_256 = auth::compute_ha1(auth::DigestAlgorithm::sha512_256, "alice", "example.test", "wonderland");
    return u;
  }

  // The server's 401 to `request`, with its real challenges.
  sip::Message challenge(const sip::Message& request) {
    auto b = sip::make_response(request, 401, {}, "svc");
    for (const auto& c : server_.challenges("example.test", now_)) b.add(sip::HeaderId::WwwAuthenticate, c);
    return parse(b.build());
  }

  auth::DigestAuthenticator server_{auth::DigestOptions{}};
  auth::TimePoint now_ = auth::Clock::now();
  ua::PublishSpec spec_;
  ua::DigestLogin login_{"alice", "wonderland"};
  RequestIds ids_{"p"};
  PublishExchanges exchanges_;
};

TEST_F(PublishExchangesTest, ChallengedThenAuthenticatedThenDone) {
  const auto t0 = Clock::now();
  const sip::Message first = parse(exchanges_.begin(7, 2, spec_, login_, ids_, kLocal, t0));
  EXPECT_EQ(first.method(), sip::Method::Publish);
  EXPECT_FALSE(first.header(sip::HeaderId::Authorization).has_value());
  EXPECT_EQ(first.body(), "not really DER");
  EXPECT_EQ(first.cseq()->number, 1u);

  auto out = exchanges_.on_response(challenge(first), ids_, kLocal);
  ASSERT_EQ(out.kind, PublishExchanges::Kind::resend) << out.error;
  const sip::Message second = parse(out.bytes);
  EXPECT_EQ(*second.call_id(), *first.call_id());
  EXPECT_EQ(second.cseq()->number, 2u);
  EXPECT_EQ(out.bytes.find("wonderland"), std::string::npos) << "the password must never be sent";
  const auth::Outcome verdict = server_.check(
      second, "example.test", [this](const auth::PendingCheck&) { return std::optional(stored_alice()); }, now_, "");
  EXPECT_TRUE(verdict.ok()) << auth::to_string(verdict.status) << ": " << verdict.reason;

  // The 401's late duplicate (old CSeq) is ignored.
  EXPECT_EQ(exchanges_.on_response(challenge(first), ids_, kLocal).kind, PublishExchanges::Kind::unrelated);
  auto ok = sip::make_response(second, 200, {}, "svc");
  ok.add(sip::HeaderId::SipETag, "etag-1");
  out = exchanges_.on_response(parse(ok.build()), ids_, kLocal);
  EXPECT_EQ(out.kind, PublishExchanges::Kind::done);
  EXPECT_EQ(out.tag, 7u);
  EXPECT_EQ(out.connection, 2u);
  EXPECT_EQ(out.started, t0);
  EXPECT_EQ(out.etag, "etag-1");
  EXPECT_EQ(exchanges_.size(), 0u);
}

TEST_F(PublishExchangesTest, ASecondChallengeOrARefusalFails) {
  const sip::Message first = parse(exchanges_.begin(1, 0, spec_, login_, ids_, kLocal, Clock::now()));
  const auto out = exchanges_.on_response(challenge(first), ids_, kLocal);
  ASSERT_EQ(out.kind, PublishExchanges::Kind::resend);
  const sip::Message second = parse(out.bytes);
  const auto again = exchanges_.on_response(challenge(second), ids_, kLocal);
  EXPECT_EQ(again.kind, PublishExchanges::Kind::failed);
  EXPECT_EQ(again.error, "status_401");

  const sip::Message other = parse(exchanges_.begin(2, 0, spec_, login_, ids_, kLocal, Clock::now()));
  const auto refused = exchanges_.on_response(parse(sip::make_response(other, 403).build()), ids_, kLocal);
  EXPECT_EQ(refused.kind, PublishExchanges::Kind::failed);
  EXPECT_EQ(refused.error, "status_403");
}

TEST_F(PublishExchangesTest, AnUnanswerableChallengeFails) {
  const sip::Message first = parse(exchanges_.begin(1, 0, spec_, login_, ids_, kLocal, Clock::now()));
  auto b = sip::make_response(first, 401);
  b.add(sip::HeaderId::WwwAuthenticate, R"(Basic realm="example.test")");
  const auto out = exchanges_.on_response(parse(b.build()), ids_, kLocal);
  EXPECT_EQ(out.kind, PublishExchanges::Kind::failed);
  EXPECT_EQ(out.error, "challenge");
}

}  // namespace
}  // namespace credsvc::loadgen
