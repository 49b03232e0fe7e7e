// The UA's transport and transactions against a real TLS peer on loopback
// (ScriptedSipServer): server verification, Digest retry answered by the
// server's own authenticator, NOTIFYs answered 200 and matched to their
// subscription, stray and provisional responses, timeouts, closed connections.
#include <gtest/gtest.h>

#include "auth/digest_authenticator.hpp"
#include "scripted_sip_server.hpp"
#include "sip/message_builder.hpp"
#include "ua/publish_request.hpp"
#include "ua/subscription.hpp"
#include "ua/user_agent.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua {
namespace {

using namespace test;
using namespace std::chrono_literals;

TlsConnectOptions options_for(const ScriptedSipServer& server) {
  TlsConnectOptions o;
  o.connect_host = "127.0.0.1";
  o.port = server.port();
  o.server_name = "example.test";
  o.ca_pem = root_ca().cert.to_pem();
  o.timeout = 5s;
  return o;
}

std::vector<std::string> nothing(const sip::Message&) { return {}; }

TEST(SipTlsConnection, ServerMustChainToTheGivenCa) {
  ScriptedSipServer server(nothing);
  auto o = options_for(server);
  o.ca_pem = other_ca().cert.to_pem();
  try {
    SipTlsConnection c(o);
    FAIL() << "connected";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("server certificate not accepted for example.test"), std::string::npos)
        << e.what();
  }
}

TEST(SipTlsConnection, ServerMustCarryTheDomainName) {
  ScriptedSipServer server(nothing);
  auto o = options_for(server);
  o.server_name = "other.test";
  EXPECT_THROW(SipTlsConnection c(o), std::runtime_error);
}

TEST(SipTlsConnection, RefusedConnectionIsNamed) {
  std::uint16_t port = 0;
  {
    ScriptedSipServer server(nothing);
    port = server.port();
  }
  TlsConnectOptions o;
  o.connect_host = "127.0.0.1";
  o.port = port;
  o.server_name = "example.test";
  o.ca_pem = root_ca().cert.to_pem();
  try {
    SipTlsConnection c(o);
    FAIL() << "connected";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("cannot connect to 127.0.0.1:" + std::to_string(port), 0), 0u) << e.what();
  }
}

OutgoingRequest a_publish() {
  PublishSpec spec = revoke_spec(parse_aor("alice@example.test"));
  return make_publish(spec, "call-ua-test", "tag-ua", 1);
}

// Challenges, then accepts what credsvc::auth accepts.
class DigestServer {
 public:
  std::vector<std::string> operator()(const sip::Message& m) {
    auto out = auth_->check(m, "example.test",
                            [](const auth::PendingCheck&) {
                              auth::UserHa1 u;
                              u.ha1_sha512_256 = auth::compute_ha1(auth::DigestAlgorithm::sha512_256, "alice",
                                                                   "example.test", "wonderland");
                              u.ha1_sha256 =
                                  auth::compute_ha1(auth::DigestAlgorithm::sha256, "alice", "example.test", "wonderland");
                              u.ha1_md5 =
                                  auth::compute_ha1(auth::DigestAlgorithm::md5, "alice", "example.test", "wonderland");
                              return std::optional(u);
                            },
                            auth::Clock::now(), "");
    if (out.ok()) return {response_to(m, 200, {"SIP-ETag: e1", "Expires: 60"})};
    std::vector<std::string> lines;
    for (const auto& c : auth_->challenges("example.test", auth::Clock::now())) lines.push_back("WWW-Authenticate: " + c);
    return {response_to(m, 401, lines)};
  }

 private:
  std::shared_ptr<auth::DigestAuthenticator> auth_ = std::make_shared<auth::DigestAuthenticator>();
};

TEST(UserAgent, AnswersTheDigestChallengeWithTheSameCallIdAndNextCSeq) {
  ScriptedSipServer server(DigestServer{});
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  OutgoingRequest r = a_publish();
  const DigestLogin login{"alice", "wonderland"};
  const sip::Message response = ua.send(r, &login);
  EXPECT_EQ(response.status(), 200);
  EXPECT_EQ(response.header("SIP-ETag"), std::optional<std::string_view>("e1"));
  EXPECT_EQ(r.cseq, 2u);
  const auto got = server.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].call_id(), got[1].call_id());
  EXPECT_EQ(got[0].cseq()->number + 1, got[1].cseq()->number);
  EXPECT_NE(got[0].top_via()->branch(), got[1].top_via()->branch());
  EXPECT_FALSE(got[0].header(sip::HeaderId::Authorization).has_value());
  ASSERT_TRUE(got[1].header(sip::HeaderId::Authorization).has_value());
  // The strongest algorithm offered was used.
  EXPECT_NE(got[1].header(sip::HeaderId::Authorization)->find("algorithm=SHA-512-256"), std::string_view::npos);
  EXPECT_EQ(got[0].top_via()->sent_by(), c.local_address().host_port());
}

TEST(UserAgent, WrongPasswordGivesTheSecond401) {
  ScriptedSipServer server(DigestServer{});
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  OutgoingRequest r = a_publish();
  const DigestLogin login{"alice", "not-it"};
  EXPECT_EQ(ua.send(r, &login).status(), 401);
  EXPECT_EQ(server.received().size(), 2u);
}

TEST(UserAgent, Without401CredentialsAreNotSent) {
  ScriptedSipServer server([](const sip::Message& m) { return std::vector{response_to(m, 403)}; });
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  OutgoingRequest r = a_publish();
  const DigestLogin login{"alice", "wonderland"};
  EXPECT_EQ(ua.send(r, &login).status(), 403);
  EXPECT_EQ(server.received().size(), 1u);
}

TEST(UserAgent, ProvisionalAndStrayResponsesAreSkipped) {
  ScriptedSipServer server([](const sip::Message& m) {
    std::string other = response_to(m, 500);
    other.replace(other.find("z9hG4bK"), 7, "z9hG4bKX");  // another branch
    return std::vector{response_to(m, 100), other, response_to(m, 202)};
  });
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  OutgoingRequest r = a_publish();
  EXPECT_EQ(ua.send(r).status(), 202);
}

TEST(UserAgent, NoAnswerTimesOut) {
  ScriptedSipServer server(nothing);
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 300ms);
  OutgoingRequest r = a_publish();
  try {
    ua.send(r);
    FAIL() << "answered";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "no response to PUBLISH within the time limit");
  }
}

TEST(UserAgent, ClosedConnectionIsNamed) {
  ScriptedSipServer server(nothing);
  server.close_after_next();
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  OutgoingRequest r = a_publish();
  try {
    ua.send(r);
    FAIL() << "answered";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "connection closed by the server");
  }
}

// A NOTIFY for the subscription `subscribe` made.
std::string notify_for(const sip::Message& subscribe, std::uint32_t cseq, const std::string& state) {
  auto b = sip::MessageBuilder::request("NOTIFY", "sip:fetch@127.0.0.1");
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKsrv" + std::to_string(cseq));
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, "<sip:alice@example.test>;tag=srv");
  b.add(sip::HeaderId::To, std::string(*subscribe.header(sip::HeaderId::From)));
  b.add(sip::HeaderId::CallId, std::string(*subscribe.call_id()));
  b.add(sip::HeaderId::CSeq, std::to_string(cseq) + " NOTIFY");
  b.add(sip::HeaderId::Event, "certificate");
  b.add(sip::HeaderId::SubscriptionState, state);
  return b.build();
}

TEST(Subscription, FetchGetsItsNotifyAndAnswersIt200) {
  ScriptedSipServer server([](const sip::Message& m) -> std::vector<std::string> {
    if (m.is_response()) return {};
    // A NOTIFY of some other dialog first, then ours (even before the 200).
    std::string foreign = notify_for(m, 9, "active");
    foreign.replace(foreign.find("Call-ID: "), 9, "Call-ID: other-");
    return {foreign, notify_for(m, 1, "terminated;reason=timeout"), response_to(m, 200, {"Expires: 0"})};
  });
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  SubscribeSpec spec;
  spec.target = parse_aor("alice@example.test");
  spec.subscriber = "alice@example.test";
  Subscription sub(ua, spec);
  EXPECT_EQ(sub.subscribe(), 0u);
  const auto n = sub.next_notify(std::chrono::steady_clock::now() + 5s);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->cseq()->number, 1u);
  EXPECT_FALSE(sub.next_notify(std::chrono::steady_clock::now() + 200ms).has_value());
  // Both NOTIFYs were answered 200, copying their identifiers.
  for (int i = 0; i < 50 && server.received().size() < 3; ++i) std::this_thread::sleep_for(20ms);
  const auto got = server.received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].status(), 200);
  EXPECT_EQ(got[1].call_id(), std::optional<std::string_view>("other-" + std::string(*got[0].call_id())));
  EXPECT_EQ(got[2].status(), 200);
  EXPECT_EQ(got[2].cseq()->method, sip::Method::Notify);
  EXPECT_EQ(got[2].call_id(), got[0].call_id());
}

TEST(Subscription, RefusalIsReportedWithItsReason) {
  ScriptedSipServer server([](const sip::Message& m) { return std::vector{response_to(m, 489)}; });
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  SubscribeSpec spec;
  spec.target = parse_aor("alice@example.test");
  spec.subscriber = "alice@example.test";
  Subscription sub(ua, spec);
  try {
    sub.subscribe();
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "server answered 489 Bad Event");
  }
}

TEST(Subscription, RefreshAndUnsubscribeStayInTheDialog) {
  ScriptedSipServer server([](const sip::Message& m) -> std::vector<std::string> {
    if (m.is_response()) return {};
    const auto expires = std::string(m.header("Expires").value_or("0"));
    return {response_to(m, 200, {"Expires: " + (expires == "3600" ? std::string("1800") : expires)}, "dlg7")};
  });
  SipTlsConnection c(options_for(server));
  UserAgent ua(c, 5s);
  SubscribeSpec spec;
  spec.target = parse_aor("alice@example.test");
  spec.subscriber = "alice@example.test";
  spec.expires = 3600;
  Subscription sub(ua, spec);
  EXPECT_EQ(sub.subscribe(), 1800u);
  EXPECT_EQ(sub.refresh(600), 600u);
  EXPECT_TRUE(sub.unsubscribe());
  const auto got = server.received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_FALSE(got[0].to()->tag().has_value());
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(got[i].to()->tag(), std::optional<std::string_view>("dlg7"));
    EXPECT_EQ(got[i].call_id(), got[0].call_id());
    EXPECT_EQ(got[i].from()->tag(), got[0].from()->tag());
    EXPECT_EQ(got[i].cseq()->number, got[i - 1].cseq()->number + 1);
  }
  EXPECT_EQ(got[2].header("Expires"), std::optional<std::string_view>("0"));
}

}  // namespace
}  // namespace credsvc::ua
