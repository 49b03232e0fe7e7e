// `credsvc serve` with no database URL: creates and runs a private PostgreSQL
// cluster under --data-dir, stops it on SIGINT/SIGTERM, and a second start
// reuses the data. `credsvc admin` reaches the same cluster either way.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "child.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The postmaster writes postmaster.pid while it runs and removes it on a clean stop.
bool cluster_running(const fs::path& data_dir) { return fs::exists(data_dir / "pgdata" / "postmaster.pid"); }

class EmbeddedDefault : public ::testing::Test {
 protected:
  TempDir temp;
  fs::path data = temp.path() / "data";

  std::vector<std::string> serve_args() const {
    return {CREDSVC_BINARY, "serve", "--data-dir", data.string(), "--domain", "example.test",
            "--sip-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"};
  }
  RunResult admin(std::vector<std::string> args, std::string input = {}) const {
    std::vector<std::string> argv = {CREDSVC_BINARY, "admin", "--data-dir", data.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, std::move(input), 120s);
  }
};

TEST_F(EmbeddedDefault, FirstStartCreatesClusterAndDemoDomainAndStopsOnSigint) {
  Child serve(serve_args());
  ASSERT_TRUE(serve.wait_for_output("credsvc ready", 120s)) << serve.err();
  const std::string log = serve.err();
  EXPECT_NE(log.find("created embedded PostgreSQL cluster"), std::string::npos) << log;
  EXPECT_NE(log.find("applied migration 001_"), std::string::npos) << log;
  EXPECT_NE(log.find("created demo domain example.test"), std::string::npos) << log;
  EXPECT_TRUE(fs::exists(data / "pgdata" / "PG_VERSION"));
  EXPECT_TRUE(cluster_running(data));
  // Unix socket only: the configuration names no TCP address.
  EXPECT_NE(read_file(data / "pgdata" / "postgresql.conf").find("listen_addresses = ''"), std::string::npos);
  EXPECT_TRUE(fs::exists(data / "test-ca" / "ca.pem"));

  // admin reaches the cluster serve is running, and leaves it running.
  const auto listed = admin({"domain", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("example.test"), std::string::npos) << listed.out;
  EXPECT_TRUE(cluster_running(data));

  serve.signal(SIGINT);
  const auto code = serve.wait(60s);
  ASSERT_TRUE(code.has_value()) << "serve did not stop on SIGINT";
  EXPECT_EQ(*code, 0) << serve.err();
  EXPECT_NE(serve.err().find("stopped embedded PostgreSQL"), std::string::npos) << serve.err();
  EXPECT_FALSE(cluster_running(data));
}

TEST_F(EmbeddedDefault, SecondStartReusesTheDataAndStopsOnSigterm) {
  {
    Child first(serve_args());
    ASSERT_TRUE(first.wait_for_output("credsvc ready", 120s)) << first.err();
    first.signal(SIGTERM);
    ASSERT_EQ(first.wait(60s), 0) << first.err();
  }
  const std::string ca_before = read_file(data / "test-ca" / "ca.pem");
  const auto shown_before = admin({"domain", "show", "example.test"});
  ASSERT_EQ(shown_before.exit_code, 0) << shown_before.err;

  Child second(serve_args());
  ASSERT_TRUE(second.wait_for_output("credsvc ready", 120s)) << second.err();
  const std::string log = second.err();
  EXPECT_EQ(log.find("created embedded PostgreSQL cluster"), std::string::npos) << log;
  EXPECT_EQ(log.find("applied migration"), std::string::npos) << log;
  EXPECT_EQ(log.find("created demo domain"), std::string::npos) << log;
  second.signal(SIGTERM);
  ASSERT_EQ(second.wait(60s), 0) << second.err();

  // Same CA and the same domain certificates as before: the data was reused.
  EXPECT_EQ(read_file(data / "test-ca" / "ca.pem"), ca_before);
  const auto shown_after = admin({"domain", "show", "example.test"});
  ASSERT_EQ(shown_after.exit_code, 0) << shown_after.err;
  EXPECT_EQ(shown_after.out, shown_before.out);
}

TEST_F(EmbeddedDefault, AdminStartsTheClusterForItsDurationWhenServeIsNotRunning) {
  const auto added = admin({"domain", "add", "example.org"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_FALSE(cluster_running(data)) << "admin must stop the cluster it started";
  const auto listed = admin({"domain", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("example.org"), std::string::npos);
  EXPECT_FALSE(cluster_running(data));
}

}  // namespace
}  // namespace credsvc::testing
