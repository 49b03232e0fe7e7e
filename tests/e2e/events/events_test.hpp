// What the suites share: each suite runs its own deployment (fresh database,
// domain example.test) with one `credsvc serve --db` started with the
// suite's flags, and opens test UAs on it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "deployment.hpp"
#include "notify_verifier.hpp"
#include "test_ua.hpp"
#include "user_credential.hpp"

namespace credsvc::testing::events {

class EventsTest : public ::testing::Test {
 protected:
  // From a suite's SetUpTestSuite / TearDownTestSuite.
  static void start_suite(std::vector<std::string> flags);
  static void stop_suite();

  static Deployment& deployment() { return *deployment_; }
  static ServerProcess& server() { return *server_; }

  // A UA on the suite's server (or `port`); with a user, it answers Digest.
  static std::unique_ptr<TestUa> ua(const std::string& user = {}, const std::string& password = {},
                                    unsigned short port = 0);
  // "sip:<name>@example.test"
  static std::string uri(const std::string& name, const std::string& scheme = "sip");
  static std::string aor(const std::string& name) { return name + "@example.test"; }

  // Checks the NOTIFY's Identity against the suite server's HTTPS port.
  static ::testing::AssertionResult signed_by_domain(const ReceivedNotify& notify);

  static std::unique_ptr<Deployment> deployment_;
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<NotifyVerifier> verifier_;
};

// The Subscription-State value, parsed; state "" when absent or malformed.
struct StateOf {
  std::string state;
  std::string reason;
  std::optional<std::uint32_t> expires;
};
StateOf subscription_state(const sip::Message& notify);

// multipart/mixed parts of a NOTIFY by content type ("" key: a part without
// one); empty when the body is not multipart/mixed.
std::map<std::string, std::string> parts_of(const sip::Message& notify);

// The SIP-ETag of a 2xx to PUBLISH ("" when absent).
std::string etag_of(const sip::Message& response);

// Seconds between two steady-clock instants.
double seconds_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b);

}  // namespace credsvc::testing::events
