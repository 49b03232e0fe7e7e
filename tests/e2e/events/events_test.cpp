#include "events_test.hpp"

#include "sip/multipart.hpp"

namespace credsvc::testing::events {

std::unique_ptr<Deployment> EventsTest::deployment_;
std::unique_ptr<ServerProcess> EventsTest::server_;
std::unique_ptr<NotifyVerifier> EventsTest::verifier_;

void EventsTest::start_suite(std::vector<std::string> flags) {
  deployment_ = std::make_unique<Deployment>();
  server_ = deployment_->start_server(std::move(flags));
  verifier_ = std::make_unique<NotifyVerifier>(deployment_->ca_certificate(), server_->http_port());
}

void EventsTest::stop_suite() {
  verifier_.reset();
  if (server_) {
    EXPECT_TRUE(stopped_cleanly(*server_));
  }
  server_.reset();
  deployment_.reset();
}

std::unique_ptr<TestUa> EventsTest::ua(const std::string& user, const std::string& password, unsigned short port) {
  UaOptions o;
  o.port = port != 0 ? port : server_->sip_port();
  o.ca_file = deployment_->ca_file();
  o.user = user;
  o.password = password;
  return std::make_unique<TestUa>(o);
}

std::string EventsTest::uri(const std::string& name, const std::string& scheme) {
  return scheme + ":" + name + "@example.test";
}

::testing::AssertionResult EventsTest::signed_by_domain(const ReceivedNotify& notify) {
  const auto result = verifier_->verify(notify.msg);
  if (!result.ok()) {
    return ::testing::AssertionFailure() << "Identity does not verify: " << result.detail << " (" << result.status()
                                         << " " << result.reason() << ")";
  }
  if (!result.signer || result.signer->san_dns() != std::vector<std::string>{"example.test"}) {
    return ::testing::AssertionFailure() << "signed by a certificate not naming example.test";
  }
  return ::testing::AssertionSuccess();
}

StateOf subscription_state(const sip::Message& notify) {
  const auto s = notify.subscription_state();
  if (!s || !s.value()) return {};
  return StateOf{s.value()->state_name, std::string(s.value()->reason().value_or("")), s.value()->expires()};
}

std::map<std::string, std::string> parts_of(const sip::Message& notify) {
  std::map<std::string, std::string> out;
  const auto type = notify.content_type();
  if (!type || !type.value() || !type.value()->is("multipart", "mixed") || !type.value()->boundary()) return out;
  const auto parts = sip::parse_multipart(notify.body(), *type.value()->boundary());
  if (!parts) return out;
  for (const auto& p : parts.value()) {
    const std::string key = p.content_type ? p.content_type->type + "/" + p.content_type->subtype : "";
    out[key] = std::string(p.content);
  }
  return out;
}

std::string etag_of(const sip::Message& response) {
  const auto etag = response.sip_etag();
  return etag && etag.value() ? *etag.value() : std::string();
}

double seconds_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace credsvc::testing::events
