// `credsvc admin user passwd|disable|enable`, `show`, `revoke` and `audit` on
// the embedded default, as an operator runs them: each change is visible to
// the next command and in the audit log; each mistake is one line and exit 1.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "child.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class AdminCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = std::make_unique<TempDir>();
    ASSERT_EQ(admin({"domain", "add", "example.test"}).exit_code, 0);
    const auto added = admin({"user", "add", "alice@example.test", "--password-stdin"}, "first-password\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  static void TearDownTestSuite() { temp_.reset(); }

  static RunResult admin(std::vector<std::string> args, std::string input = {}) {
    std::vector<std::string> argv = {CREDSVC_BINARY, "admin", "--data-dir", (temp_->path() / "data").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, std::move(input), 120s);
  }
  static boost::json::value json_of(const RunResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out);
  }
  static void expect_one_line_error(const RunResult& r, const std::string& fragment) {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }

  static std::unique_ptr<TempDir> temp_;
};
std::unique_ptr<TempDir> AdminCommands::temp_;

TEST_F(AdminCommands, PasswdChangesThePasswordStampAndIsAudited) {
  const auto before = json_of(admin({"show", "alice@example.test", "--json"}));
  std::this_thread::sleep_for(1100ms);  // the stamp is shown to the second
  const auto changed = admin({"user", "passwd", "alice@example.test", "--password-stdin"}, "second-password\n");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  const auto after = json_of(admin({"show", "alice@example.test", "--json"}));
  EXPECT_NE(before.at("password_changed_at"), after.at("password_changed_at"));
  const auto audit = json_of(admin({"audit", "alice@example.test", "--json"}));
  bool found = false;
  for (const auto& e : audit.as_array()) found = found || e.at("action").as_string() == "user.passwd";
  EXPECT_TRUE(found) << boost::json::serialize(audit);
}

TEST_F(AdminCommands, PasswdOfAnUnknownUserOrWithoutStdinFails) {
  expect_one_line_error(admin({"user", "passwd", "zed@example.test", "--password-stdin"}, "pw\n"), "zed@example.test");
  expect_one_line_error(admin({"user", "passwd", "alice@example.test"}), "--password-stdin");
  expect_one_line_error(admin({"user", "passwd", "not an aor", "--password-stdin"}, "pw\n"), "not an address-of-record");
}

TEST_F(AdminCommands, DisableAndEnableShowInTheUserList) {
  ASSERT_EQ(admin({"user", "disable", "alice@example.test"}).exit_code, 0);
  auto list = json_of(admin({"user", "list", "--json"}));
  ASSERT_EQ(list.as_array().size(), 1u);
  EXPECT_FALSE(list.as_array()[0].at("enabled").as_bool());
  ASSERT_EQ(admin({"user", "enable", "alice@example.test"}).exit_code, 0);
  list = json_of(admin({"user", "list", "--json"}));
  EXPECT_TRUE(list.as_array()[0].at("enabled").as_bool());
  expect_one_line_error(admin({"user", "disable", "nobody@example.test"}), "nobody@example.test does not exist");
}

TEST_F(AdminCommands, ShowAUserWithoutCredential) {
  const auto text = admin({"show", "alice@example.test"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("credential: none"), std::string::npos) << text.out;
  // No server runs on this database: there is nobody to ask.
  EXPECT_NE(text.out.find("live subscribers: unknown (no server is running)"), std::string::npos) << text.out;
  const auto j = json_of(admin({"show", "alice@example.test", "--json"}));
  EXPECT_TRUE(j.at("credential").is_null());
  EXPECT_EQ(j.at("aor").as_string(), "alice@example.test");
  EXPECT_EQ(j.at("live_subscribers").at("instances_running").as_int64(), 0);
  EXPECT_TRUE(json_of(admin({"show", "alice@example.test", "--json", "--live-wait", "0"})).at("live_subscribers").is_null());
  const auto bad_wait = admin({"show", "alice@example.test", "--live-wait", "-1"});
  EXPECT_NE(bad_wait.exit_code, 0);
  EXPECT_NE(bad_wait.err.find("--live-wait: Value -1 not in range 0 to 60000"), std::string::npos) << bad_wait.err;
  expect_one_line_error(admin({"show", "ghost@example.test"}), "no user ghost@example.test");
}

TEST_F(AdminCommands, RevokeWithoutCredentialChangesNothing) {
  const auto before = json_of(admin({"audit", "--json"})).as_array().size();
  expect_one_line_error(admin({"revoke", "alice@example.test", "--reason", "lost laptop"}),
                        "no credential stored for alice@example.test");
  EXPECT_EQ(json_of(admin({"audit", "--json"})).as_array().size(), before);
}

TEST_F(AdminCommands, AuditFiltersBySinceAndLimit) {
  const auto all = json_of(admin({"audit", "--json"})).as_array();
  ASSERT_GE(all.size(), 2u);  // domain.add, user.add at least
  EXPECT_EQ(json_of(admin({"audit", "--json", "--limit", "1"})).as_array().size(), 1u);
  EXPECT_EQ(json_of(admin({"audit", "--json", "--since", "2099-01-01T00:00:00Z"})).as_array().size(), 0u);
  EXPECT_EQ(json_of(admin({"audit", "--json", "--since", "1h"})).as_array().size(), all.size());
  expect_one_line_error(admin({"audit", "--since", "yesterday"}), "'yesterday' is neither");
}

}  // namespace
}  // namespace credsvc::testing
