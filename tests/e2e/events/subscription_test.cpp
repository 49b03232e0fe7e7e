// Subscriptions (RFC 6665, issue 5 item 1) against the real server over TLS:
// the 200 then the NOTIFY at once, fetch, refresh, unknown dialogs, Expires
// bounds, expiry, the rate limit of RFC 6072 §7.11, and the ends of a
// subscription (a NOTIFY answered 481, a closed connection).
#include <thread>

#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

class Subscriptions : public EventsTest {
 protected:
  static void SetUpTestSuite() {
    start_suite({"--notify-interval", "2", "--certificate-expires-min", "1", "--max-subscriptions-per-aor", "3"});
  }
  static void TearDownTestSuite() { stop_suite(); }
};

TEST_F(Subscriptions, TwoHundredThenNotifyWithTheDialogOfTheSubscribe) {
  auto watcher = ua();
  Dialog d;
  const auto r = watcher->subscribe(uri("carol1"), "certificate", 600, &d);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "600");
  EXPECT_TRUE(header_value(r, "Contact").starts_with("<sip:")) << header_value(r, "Contact");
  // RFC 5630 §3.1.4 (design: "never emit transport=tls").
  EXPECT_EQ(header_value(r, "Contact").find("transport="), std::string::npos) << header_value(r, "Contact");
  ASSERT_FALSE(d.remote_tag.empty());

  const auto n = watcher->next_notify();
  ASSERT_TRUE(n) << "no NOTIFY after the 200";
  EXPECT_EQ(n->msg.method_name(), "NOTIFY");
  EXPECT_GT(n->sequence, watcher->last_response_sequence()) << "the NOTIFY came before the 200";
  // RFC 6665 §4.2.1.1 / RFC 6072 §7: From = the SUBSCRIBE's To with our tag, To = its From.
  EXPECT_EQ(header_value(n->msg, "From"), "<sip:carol1@example.test>;tag=" + d.remote_tag);
  EXPECT_EQ(header_value(n->msg, "To"), d.from_value);
  EXPECT_EQ(header_value(n->msg, "Call-ID"), d.call_id);
  EXPECT_EQ(header_value(n->msg, "Event"), "certificate");
  EXPECT_EQ(header_value(n->msg, "Contact"), header_value(r, "Contact"));
  const auto state = subscription_state(n->msg);
  EXPECT_EQ(state.state, "active");
  ASSERT_TRUE(state.expires);
  EXPECT_GT(*state.expires, 590u);
  EXPECT_LE(*state.expires, 600u);
  EXPECT_TRUE(n->msg.body().empty()) << "carol1 has published nothing";
  EXPECT_TRUE(signed_by_domain(*n));
}

TEST_F(Subscriptions, SipsRequestUriGetsSipsContacts) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("carol2", "sips"), "certificate", 600);
  ASSERT_EQ(r.status(), 200);
  // RFC 5630 §4.1: a SIPS request gets a SIPS Contact.
  EXPECT_TRUE(header_value(r, "Contact").starts_with("<sips:")) << header_value(r, "Contact");
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  EXPECT_TRUE(header_value(n->msg, "Contact").starts_with("<sips:")) << header_value(n->msg, "Contact");
  EXPECT_TRUE(n->msg.request_uri_text().starts_with("sips:")) << n->msg.request_uri_text();
  EXPECT_TRUE(signed_by_domain(*n));
}

TEST_F(Subscriptions, EventIdIsEchoedInTheNotify) {
  auto watcher = ua();
  Dialog d = watcher->new_dialog(uri("carol3"));
  ASSERT_EQ(watcher->send(d, OutRequest{"SUBSCRIBE", "certificate;id=x7", 600, {}, {}, {}}).status(), 200);
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  const auto event = n->msg.event();
  ASSERT_TRUE(event && event.value());
  EXPECT_EQ(event.value()->type, "certificate");
  EXPECT_EQ(event.value()->id().value_or(""), "x7");  // RFC 6665 §8.2.1
}

TEST_F(Subscriptions, ExpiresZeroIsAFetchWithOneTerminatedNotify) {
  auto watcher = ua();
  Dialog d;
  const auto r = watcher->subscribe(uri("carol4"), "certificate", 0, &d);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "0");
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  const auto state = subscription_state(n->msg);
  EXPECT_EQ(state.state, "terminated");
  EXPECT_EQ(state.reason, "timeout");
  EXPECT_TRUE(signed_by_domain(*n));
  EXPECT_FALSE(watcher->next_notify(500ms)) << "a fetch gets exactly one NOTIFY";
  // Nothing remains of it: the dialog is unknown.
  EXPECT_EQ(watcher->refresh(d, "certificate", 600).status(), 481);
}

TEST_F(Subscriptions, RefreshInTheDialogGets200AndANotify) {
  auto watcher = ua();
  Dialog d;
  ASSERT_EQ(watcher->subscribe(uri("carol5"), "certificate", 600, &d).status(), 200);
  const auto first = watcher->next_notify();
  ASSERT_TRUE(first);

  const auto r = watcher->refresh(d, "certificate", 300);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "300");
  const auto again = watcher->next_notify();
  ASSERT_TRUE(again) << "a refresh gets a NOTIFY with the current state (RFC 6665 §4.2.1.1)";
  EXPECT_EQ(header_value(again->msg, "From"), header_value(first->msg, "From"));
  EXPECT_EQ(header_value(again->msg, "Call-ID"), d.call_id);
  ASSERT_TRUE(again->msg.cseq() && first->msg.cseq());
  EXPECT_GT(again->msg.cseq()->number, first->msg.cseq()->number);
  const auto state = subscription_state(again->msg);
  EXPECT_EQ(state.state, "active");
  ASSERT_TRUE(state.expires);
  EXPECT_LE(*state.expires, 300u);
  EXPECT_GT(*state.expires, 290u);
  EXPECT_TRUE(signed_by_domain(*again));

  // Expires: 0 in the dialog ends it with a final NOTIFY (RFC 6665 §4.2.1.4).
  const auto ended = watcher->refresh(d, "certificate", 0);
  ASSERT_EQ(ended.status(), 200);
  const auto last = watcher->next_notify();
  ASSERT_TRUE(last);
  EXPECT_EQ(subscription_state(last->msg).state, "terminated");
  EXPECT_EQ(subscription_state(last->msg).reason, "timeout");
  EXPECT_TRUE(signed_by_domain(*last));
  EXPECT_EQ(watcher->refresh(d, "certificate", 600).status(), 481);
}

// RFC 6665 §4.2.2: every accepted refresh is followed by a NOTIFY with the
// current state, even when it arrives while an earlier NOTIFY still awaits
// its answer (one NOTIFY at a time: this one must wait, not vanish).
TEST_F(Subscriptions, RefreshWhileANotifyIsUnansweredStillGetsItsNotify) {
  auto watcher = ua();
  Dialog d;
  ASSERT_EQ(watcher->subscribe(uri("carol6"), "certificate", 600, &d).status(), 200);
  // The first NOTIFY is not read (so not answered) before the refresh goes out.
  ASSERT_EQ(watcher->refresh(d, "certificate", 300).status(), 200);
  const auto first = watcher->next_notify();
  ASSERT_TRUE(first);
  const auto second = watcher->next_notify(2s);
  ASSERT_TRUE(second) << "the refresh got no NOTIFY";
  const auto state = subscription_state(second->msg);
  EXPECT_EQ(state.state, "active");
  ASSERT_TRUE(state.expires);
  EXPECT_LE(*state.expires, 300u);
  EXPECT_FALSE(watcher->next_notify(300ms));
}

// A subscriber that lost its connection refreshes over a new one: the
// NOTIFYs follow it (RFC 5923), and the old connection closing no longer
// ends the subscription.
TEST_F(Subscriptions, RefreshOverANewConnectionMovesTheSubscription) {
  deployment().add_user("rudi", "rudi-pw");
  auto before = ua();
  Dialog d;
  ASSERT_EQ(before->subscribe(uri("rudi"), "certificate", 600, &d).status(), 200);
  ASSERT_TRUE(before->next_notify());
  auto after = ua();
  ASSERT_EQ(after->refresh(d, "certificate", 600).status(), 200);
  ASSERT_TRUE(after->next_notify()) << "the refresh's NOTIFY went elsewhere";
  before.reset();

  auto owner = ua("rudi", "rudi-pw");
  const auto c = make_credential(aor("rudi"));
  const auto body = certificate_body(c.certificate_der());
  ASSERT_EQ(owner->publish(uri("rudi"), 3600, body.content_type, body.body).status(), 200);
  const auto n = after->next_notify(1s);
  ASSERT_TRUE(n) << "the change did not follow the subscription to its new connection";
  EXPECT_EQ(n->msg.body(), c.certificate_der());
}

TEST_F(Subscriptions, SubscribeInAnUnknownDialogGets481) {
  auto watcher = ua();
  Dialog d = watcher->new_dialog(uri("carol7"));
  d.remote_tag = "no-such-tag";
  EXPECT_EQ(watcher->send(d, OutRequest{"SUBSCRIBE", "certificate", 600, {}, {}, {}}).status(), 481);
  EXPECT_FALSE(watcher->next_notify(300ms));
}

TEST_F(Subscriptions, SubscriptionExpiresWithATimeoutNotify) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("carol8"), "certificate", 2);
  ASSERT_EQ(r.status(), 200);
  const auto granted_at = SteadyClock::now();
  EXPECT_EQ(header_value(r, "Expires"), "2");
  const auto first = watcher->next_notify();
  ASSERT_TRUE(first);
  EXPECT_EQ(subscription_state(first->msg).state, "active");

  const auto last = watcher->next_notify(6s);
  ASSERT_TRUE(last) << "no NOTIFY when the subscription expired";
  const auto state = subscription_state(last->msg);
  EXPECT_EQ(state.state, "terminated");
  EXPECT_EQ(state.reason, "timeout");
  EXPECT_GE(seconds_between(granted_at, last->at), 1.5);
  EXPECT_TRUE(signed_by_domain(*last));
}

// RFC 6072 §7.11: at most one NOTIFY per interval for changes, the latest
// state winning; a revocation is never delayed.
TEST_F(Subscriptions, BurstOfChangesGivesTheFirstAtOnceAndTheLastAfterTheInterval) {
  deployment().add_user("rita", "rita-pw");
  std::vector<UserCredential> versions;
  for (int i = 0; i < 5; ++i) versions.push_back(make_credential(aor("rita")));
  auto owner = ua("rita", "rita-pw");
  auto watcher = ua();
  ASSERT_EQ(watcher->subscribe(uri("rita"), "certificate", 600).status(), 200);
  const auto initial = watcher->next_notify();
  ASSERT_TRUE(initial);
  EXPECT_TRUE(initial->msg.body().empty());

  const auto publish = [&](const UserCredential& c) {
    const auto body = certificate_body(c.certificate_der());
    return owner->publish(uri("rita"), 3600, body.content_type, body.body);
  };
  // The watcher reads (and answers) on its own thread while five PUBLISHes
  // go out back to back, so each NOTIFY is timed when it arrives.
  std::vector<ReceivedNotify> seen;
  const auto reading_until = SteadyClock::now() + 4500ms;  // interval + margin
  std::thread reader([&] {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(reading_until - SteadyClock::now());
      if (left.count() <= 0) return;
      if (auto n = watcher->next_notify(left)) seen.push_back(std::move(*n));
    }
  });
  std::vector<int> statuses;
  SteadyClock::time_point first_published{};
  for (const auto& v : versions) {
    statuses.push_back(publish(v).status());
    if (statuses.size() == 1) first_published = SteadyClock::now();
  }
  const auto burst_done = SteadyClock::now();
  reader.join();
  ASSERT_EQ(statuses, std::vector<int>(5, 200));
  ASSERT_LT(seconds_between(first_published, burst_done), 1.5) << "the burst was too slow to test coalescing";

  ASSERT_EQ(seen.size(), 2u) << "expected the first and the last change only";
  EXPECT_EQ(seen[0].msg.body(), versions[0].certificate_der()) << "the first change comes first";
  EXPECT_LT(seconds_between(first_published, seen[0].at), 1.0) << "the first change was delayed";
  const auto& coalesced = seen[1];
  EXPECT_EQ(coalesced.msg.body(), versions[4].certificate_der()) << "the latest state wins";
  EXPECT_GE(seconds_between(first_published, coalesced.at), 1.8) << "sent before the interval passed";
  EXPECT_LT(seconds_between(first_published, coalesced.at), 3.5) << "held back longer than the interval";
  EXPECT_TRUE(signed_by_domain(seen[0]));
  EXPECT_TRUE(signed_by_domain(coalesced));

  // A revocation (an empty PUBLISH) inside the interval after a change,
  // where another change would wait, still goes out at once.
  const auto sixth = make_credential(aor("rita"));
  ASSERT_EQ(publish(sixth).status(), 200);
  const auto changed = watcher->next_notify(1s);
  ASSERT_TRUE(changed) << "a change after a quiet interval was delayed";
  EXPECT_EQ(changed->msg.body(), sixth.certificate_der());
  const auto revoked = owner->publish(uri("rita"), std::nullopt, {}, {});
  ASSERT_EQ(revoked.status(), 200);
  EXPECT_LT(seconds_between(changed->at, SteadyClock::now()), 1.5);
  const auto gone = watcher->next_notify(1s);
  ASSERT_TRUE(gone) << "the revocation was delayed";
  EXPECT_TRUE(gone->msg.body().empty());
  EXPECT_EQ(subscription_state(gone->msg).state, "active");
  EXPECT_TRUE(signed_by_domain(*gone));
}

TEST_F(Subscriptions, NotifyAnswered481EndsTheSubscription) {
  deployment().add_user("nina", "nina-pw");
  auto watcher = ua();
  watcher->answer_notifies_with(481);
  Dialog d;
  ASSERT_EQ(watcher->subscribe(uri("nina"), "certificate", 600, &d).status(), 200);
  ASSERT_TRUE(watcher->next_notify());
  watcher->answer_notifies_with(200);

  auto owner = ua("nina", "nina-pw");
  const auto c = make_credential(aor("nina"));
  const auto body = certificate_body(c.certificate_der());
  ASSERT_EQ(owner->publish(uri("nina"), 3600, body.content_type, body.body).status(), 200);
  EXPECT_FALSE(watcher->next_notify(1500ms)) << "a change reached a subscription whose NOTIFY got 481";
  EXPECT_EQ(watcher->refresh(d, "certificate", 600).status(), 481);
}

TEST_F(Subscriptions, ClosedConnectionEndsItsSubscriptions) {
  // --max-subscriptions-per-aor 3 makes the server's count visible.
  auto first = ua();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(first->subscribe(uri("dave"), "certificate", 600).status(), 200);
    ASSERT_TRUE(first->next_notify());
  }
  auto second = ua();
  ASSERT_EQ(second->subscribe(uri("dave"), "certificate", 600).status(), 503) << "the limit does not hold";
  first.reset();  // closes the connection

  // The server learns of the close asynchronously: allow it a moment.
  int status = 0;
  const auto deadline = SteadyClock::now() + 3s;
  do {
    status = second->subscribe(uri("dave"), "certificate", 600).status();
    if (status != 200) std::this_thread::sleep_for(100ms);
  } while (status != 200 && SteadyClock::now() < deadline);
  ASSERT_EQ(status, 200) << "the closed connection's subscriptions still count";
  EXPECT_EQ(second->subscribe(uri("dave"), "certificate", 600).status(), 200);
  EXPECT_EQ(second->subscribe(uri("dave"), "certificate", 600).status(), 200);
  EXPECT_EQ(second->subscribe(uri("dave"), "certificate", 600).status(), 503);
}

// Expires bounds with the defaults' minimum (60 s) and a set maximum.
class ExpiresBounds : public EventsTest {
 protected:
  static void SetUpTestSuite() { start_suite({"--certificate-expires-max", "3600"}); }
  static void TearDownTestSuite() { stop_suite(); }
};

TEST_F(ExpiresBounds, BelowTheMinimumGets423WithMinExpires) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("carol"), "certificate", 30);
  EXPECT_EQ(r.status(), 423);
  EXPECT_EQ(header_value(r, "Min-Expires"), "60");
  EXPECT_FALSE(watcher->next_notify(300ms));

  deployment().add_user("erin", "erin-pw");
  auto owner = ua("erin", "erin-pw");
  const auto credential = owner->subscribe(uri("erin"), "credential", 30);
  EXPECT_EQ(credential.status(), 423);
  EXPECT_EQ(header_value(credential, "Min-Expires"), "60");

  const auto c = make_credential(aor("erin"));
  const auto body = certificate_body(c.certificate_der());
  const auto published = owner->publish(uri("erin"), 30, body.content_type, body.body);
  EXPECT_EQ(published.status(), 423);
  EXPECT_EQ(header_value(published, "Min-Expires"), "60");
  EXPECT_FALSE(deployment().credential(aor("erin")));
}

TEST_F(ExpiresBounds, AboveTheMaximumIsGrantedTheMaximum) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("carol"), "certificate", 100000);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "3600");
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  const auto state = subscription_state(n->msg);
  ASSERT_TRUE(state.expires);
  EXPECT_LE(*state.expires, 3600u);
  EXPECT_GT(*state.expires, 3590u);
}

TEST_F(ExpiresBounds, WithoutExpiresTheDefaultOfOneDayCappedByTheMaximum) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("carol"), "certificate", std::nullopt);
  ASSERT_EQ(r.status(), 200);
  // RFC 6072 §7: one day by default, here above the administrator's maximum.
  EXPECT_EQ(header_value(r, "Expires"), "3600");
}

}  // namespace
}  // namespace credsvc::testing::events

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;

// A NOTIFY left unanswered for --notify-timeout (Timer F) ends its subscription.
class NotifyTimeout : public EventsTest {
 protected:
  static void SetUpTestSuite() { start_suite({"--notify-timeout", "1"}); }
  static void TearDownTestSuite() { stop_suite(); }
};

TEST_F(NotifyTimeout, UnansweredNotifyEndsTheSubscription) {
  deployment().add_user("tess", "tess-pw");
  auto watcher = ua();
  watcher->answer_notifies_with(0);
  Dialog d;
  ASSERT_EQ(watcher->subscribe(uri("tess"), "certificate", 600, &d).status(), 200);
  ASSERT_TRUE(watcher->next_notify());
  std::this_thread::sleep_for(1500ms);
  watcher->answer_notifies_with(200);

  auto owner = ua("tess", "tess-pw");
  const auto c = make_credential(aor("tess"));
  const auto body = certificate_body(c.certificate_der());
  ASSERT_EQ(owner->publish(uri("tess"), 3600, body.content_type, body.body).status(), 200);
  EXPECT_FALSE(watcher->next_notify(1500ms)) << "a change reached a subscription whose NOTIFY timed out";
  EXPECT_EQ(watcher->refresh(d, "certificate", 600).status(), 481);
}

}  // namespace
}  // namespace credsvc::testing::events
