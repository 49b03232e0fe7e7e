// The web console in a real browser against the real server: a user's
// credential is revoked from the console (drive_console.py in headless
// Chromium) while a SIP user agent holds a `certificate` subscription to
// that address, which must then receive the empty NOTIFY of a revoked
// credential (RFC 6072 §8.10 as for an empty PUBLISH) within seconds.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include "child.hpp"
#include "deployment.hpp"
#include "server_process.hpp"
#include "sip/message.hpp"
#include "ua/aor_parts.hpp"
#include "ua/sip_tls_connection.hpp"
#include "ua/subscription.hpp"
#include "ua/user_agent.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kAor = "alice@example.test";
// Markup in the reason: the console must show it as text.
constexpr const char* kReason = "lost laptop <img src=x onerror=window.__xss=1>";

bool executable(const std::string& program) {
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  return run({"/bin/sh", "-c", "command -v " + program}).exit_code == 0;
}

struct Received {
  sip::Message message;
  Clock::time_point at;
};

TEST(Console, RevokingInTheBrowserNotifiesALiveSubscriber) {
  ASSERT_TRUE(executable(CREDSVC_CHROMIUM))
      << "the console test needs Debian's chromium (" << CREDSVC_CHROMIUM
      << " not found): apt-get install chromium python3-websocket";
  ASSERT_TRUE(executable(CREDSVC_PYTHON3)) << CREDSVC_PYTHON3 << " not found";
  fs::remove(CREDSVC_CONSOLE_SCREENSHOT);
  fs::remove(CREDSVC_CONSOLE_AUDIT_SCREENSHOT);

  // A change NOTIFY at most once a second instead of a minute (RFC 6072 §7.11 lets the operator choose).
  ServerProcess server(std::vector<std::string>{"--notify-interval", "1", "--threads", "2"});
  const auto admin = [&](std::vector<std::string> args, std::string input = {}) {
    args.insert(args.begin(), {CREDSVC_BINARY, "admin", "--data-dir", server.data_dir().string()});
    return run(args, std::move(input), 120s);
  };
  const auto added = admin({"user", "add", kAor, "--password-stdin"}, "alice-password\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  TempDir temp;
  const auto published =
      run({CREDSVC_BINARY, "publish", kAor, "--user", "alice", "--password-stdin", "--state-dir",
           (temp.path() / "state").string(), "--server", "127.0.0.1:" + std::to_string(server.sip_port()), "--ca",
           server.ca_file(), "--resolve", "example.test:" + std::to_string(server.http_port()) + ":127.0.0.1",
           "--timeout", "20", "--generate", "--out", (temp.path() / "alice").string()},
          "alice-password\n", 120s);
  ASSERT_EQ(published.exit_code, 0) << published.err;

  // The live subscriber: another user agent watching alice's certificate.
  ua::TlsConnectOptions tls;
  tls.connect_host = "127.0.0.1";
  tls.port = server.sip_port();
  tls.server_name = "example.test";
  tls.ca_pem = read_file(server.ca_file());
  ua::SipTlsConnection connection(tls);
  ua::UserAgent agent(connection, 10s);
  ua::SubscribeSpec spec;
  spec.target = ua::parse_aor(kAor);
  spec.subscriber = "watcher@example.test";
  spec.package = ua::EventPackage::certificate;
  spec.expires = 600;
  ua::Subscription subscription(agent, spec);
  ASSERT_GT(subscription.subscribe(), 0u);
  const auto initial = subscription.next_notify(Clock::now() + 10s);
  ASSERT_TRUE(initial) << "no initial NOTIFY";
  ASSERT_FALSE(initial->body().empty()) << "the initial NOTIFY carries the published certificate";

  const auto created = admin({"token", "create", "console-test", "--scope", "admin"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string token = created.out.substr(0, created.out.find('\n'));

  Child driver({CREDSVC_PYTHON3, CREDSVC_CONSOLE_DRIVER, "--chromium", CREDSVC_CHROMIUM, "--url",
                "https://127.0.0.1:" + std::to_string(server.http_port()) + "/console/", "--token", token, "--aor",
                kAor, "--reason", kReason, "--screenshot", CREDSVC_CONSOLE_SCREENSHOT, "--audit-screenshot",
                CREDSVC_CONSOLE_AUDIT_SCREENSHOT});
  // The subscriber answers NOTIFYs while the browser works.
  std::vector<Received> notifies;
  std::optional<Clock::time_point> confirmed;
  const auto give_up = Clock::now() + 300s;
  while (driver.running() && Clock::now() < give_up) {
    if (auto n = subscription.next_notify(Clock::now() + 200ms)) notifies.push_back({std::move(*n), Clock::now()});
    if (!confirmed && driver.out().find("revoke confirmed") != std::string::npos) confirmed = Clock::now();
  }
  if (driver.running()) driver.signal(SIGKILL);
  const auto code = driver.wait(30s);
  std::cout << "console screenshots: " << CREDSVC_CONSOLE_SCREENSHOT << " " << CREDSVC_CONSOLE_AUDIT_SCREENSHOT
            << std::endl;
  ASSERT_EQ(code, 0) << "drive_console.py failed:\n" << driver.out() << driver.err() << "\nserver log:\n"
                     << server.child().err();
  ASSERT_TRUE(confirmed) << driver.out();

  const auto empty = [&] {
    for (const auto& n : notifies) {
      if (n.message.body().empty()) return &n;
    }
    return static_cast<const Received*>(nullptr);
  };
  while (empty() == nullptr && Clock::now() < *confirmed + 10s) {
    if (auto n = subscription.next_notify(Clock::now() + 200ms)) notifies.push_back({std::move(*n), Clock::now()});
  }
  const Received* revoked = empty();
  ASSERT_NE(revoked, nullptr) << "the subscriber got no empty NOTIFY after the revocation (" << notifies.size()
                              << " NOTIFYs)";
  EXPECT_LT(std::chrono::duration<double>(revoked->at - *confirmed).count(), 5.0);
  const auto state = revoked->message.header("Subscription-State");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->substr(0, 6), "active") << *state;  // the watcher stays subscribed for a new certificate

  // The revocation is audited with the token as actor and the reason given in the browser.
  const auto audit = admin({"audit", kAor, "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  bool audited = false;
  const auto entries = json::parse(audit.out);
  for (const auto& e : entries.as_array()) {
    if (e.at("action").as_string() != "revoke") continue;
    audited = e.at("actor").as_string().starts_with("token:") && e.at("detail").at("reason").as_string() == kReason;
  }
  EXPECT_TRUE(audited) << audit.out;

  const std::string png = read_file(CREDSVC_CONSOLE_SCREENSHOT);
  ASSERT_GE(png.size(), 8u) << "no screenshot at " << CREDSVC_CONSOLE_SCREENSHOT;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  subscription.unsubscribe();
  EXPECT_TRUE(events::stopped_cleanly(server));
}

}  // namespace
}  // namespace credsvc::testing
