// `credsvc bench` against the real server (`credsvc serve` on the embedded
// default): each scenario runs briefly with small numbers and must complete
// work without a single error, printing the documented JSON; fatal
// failures (unreachable server, foreign CA) and bad arguments end with one
// line and the documented exit code. Figures are not asserted: this is the
// CI smoke run, not a benchmark.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "child.hpp"
#include "server_process.hpp"

namespace credsvc::testing {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "bench-password";

class Bench : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Change NOTIFYs may follow each other quickly (RFC 6072 §7.11 leaves the
    // interval to the operator), so fanout rounds are not held back.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--notify-interval", "0.01"});
    temp_ = std::make_unique<TempDir>();
    std::ofstream aors(file("aors.txt"));
    aors << "# fetch and publish users\n";
    for (const char* user : {"alice", "bob", "carol", "dave", "erin", "frank"}) {
      const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", server_->data_dir().string(), "user", "add",
                          std::string(user) + "@example.test", "--password-stdin"},
                         std::string(kPassword) + "\n", 120s);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    for (const char* user : {"alice", "bob", "carol", "dave"}) {
      aors << user << "@example.test\n";
      // A certificate each, published by the real `credsvc publish`, so
      // fetches carry one and --verify has something to check.
      const auto r = run({CREDSVC_BINARY, "publish", std::string(user) + "@example.test", "--user", user,
                          "--password-stdin", "--generate", "--out", file(user), "--state-dir", file("state"),
                          "--server", server(), "--ca", server_->ca_file()},
                         std::string(kPassword) + "\n", 120s);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::ofstream(file("password")) << kPassword << "\n";
  }
  static void TearDownTestSuite() {
    server_.reset();
    temp_.reset();
  }

  static std::string server() { return "127.0.0.1:" + std::to_string(server_->sip_port()); }
  static std::string file(const std::string& name) { return (temp_->path() / name).string(); }

  // `credsvc bench ARGS --server ... --ca ... --server-pid ...`.
  static RunResult bench(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(), {CREDSVC_BINARY, "bench"});
    args.insert(args.end(), {"--server", server(), "--ca", server_->ca_file(), "--server-pid",
                             std::to_string(server_->child().pid())});
    return run(args, input, 120s);
  }

  // The --json object, after checking the contract every scenario keeps:
  // work done, no error of any kind, the documented fields.
  static json::object result_of(const RunResult& r, const std::string& scenario) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json::value v;
    try {
      v = json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not one JSON object: " << e.what() << "\n" << r.out;
      return {};
    }
    EXPECT_TRUE(v.is_object()) << r.out;
    if (!v.is_object()) return {};
    json::object j = v.as_object();
    EXPECT_EQ(j.at("scenario").as_string(), scenario);
    EXPECT_GT(j.at("completed").to_number<std::uint64_t>(), 0u) << r.out;
    EXPECT_TRUE(j.at("errors").is_object());
    EXPECT_TRUE(j.at("errors").as_object().empty()) << r.out;
    EXPECT_GT(j.at("throughput").to_number<double>(), 0.0) << r.out;
    EXPECT_GT(j.at("duration_s").to_number<double>(), 0.0) << r.out;
    const auto& latency = j.at("latency_ms").as_object();
    const double p50 = latency.at("p50").to_number<double>();
    const double p99 = latency.at("p99").to_number<double>();
    const double p999 = latency.at("p999").to_number<double>();
    EXPECT_GT(p50, 0.0) << r.out;
    EXPECT_LE(p50, p99);
    EXPECT_LE(p99, p999);
    return j;
  }

  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::unique_ptr<TempDir> temp_;
};

TEST_F(Bench, FetchClosedLoopWithEveryIdentityVerified) {
  const auto r = bench({"fetch", "--aors", file("aors.txt"), "--connections", "4", "--duration", "2", "--json",
                        "--verify", "--resolve", "example.test:" + std::to_string(server_->http_port()) + ":127.0.0.1"});
  const auto j = result_of(r, "fetch");
  EXPECT_EQ(j.at("connections").to_number<int>(), 4);
  EXPECT_EQ(j.at("verified").as_bool(), true);
  // The server's share, from /proc.
  EXPECT_GT(j.at("server_cpu_s").to_number<double>(), 0.0) << r.out;
  EXPECT_GT(j.at("per_server_cpu_s").to_number<double>(), 0.0) << r.out;
  EXPECT_GT(j.at("rss_bytes").to_number<std::uint64_t>(), 0u) << r.out;
}

TEST_F(Bench, FetchAtASetRate) {
  const auto r = bench({"fetch", "--aor", "alice@example.test", "--connections", "2", "--duration", "2", "--rate",
                        "100", "--json"});
  const auto j = result_of(r, "fetch");
  // Open loop: 200 fetches offered; all answered (a loaded CI machine may
  // stretch the window, never the count).
  EXPECT_EQ(j.at("completed").to_number<int>(), 200) << r.out;
  EXPECT_EQ(j.at("offered_rate").to_number<double>(), 100.0);
}

TEST_F(Bench, PublishWithDigestForEveryUser) {
  const auto r = bench({"publish", "--aors", file("aors.txt"), "--connections", "4", "--duration", "2", "--json",
                        "--password-file", file("password")});
  const auto j = result_of(r, "publish");
  EXPECT_EQ(j.at("users").to_number<int>(), 4);
}

TEST_F(Bench, PublishTakesThePasswordOnStandardInput) {
  const auto r = bench({"publish", "--aor", "alice@example.test", "--connections", "1", "--duration", "1", "--json",
                        "--password-stdin"},
                       std::string(kPassword) + "\n");
  result_of(r, "publish");
  // A wrong password is not tried here: the server's per-address failure
  // throttle would lock this host out of the PUBLISH tests that follow.
}

TEST_F(Bench, HandshakeFullAndResumed) {
  const auto full = bench({"handshake", "--aors", file("aors.txt"), "--connections", "2", "--duration", "2", "--json"});
  const auto f = result_of(full, "handshake");
  EXPECT_EQ(f.at("resumed").to_number<int>(), 0);
  EXPECT_EQ(f.at("full_handshakes").to_number<std::uint64_t>(), f.at("completed").to_number<std::uint64_t>());

  const auto resumed =
      bench({"handshake", "--aors", file("aors.txt"), "--connections", "2", "--duration", "2", "--resume", "--json"});
  const auto r = result_of(resumed, "handshake");
  EXPECT_GT(r.at("resumed").to_number<int>(), 0) << resumed.out;
}

TEST_F(Bench, IdleHoldsConnectionsWithTheirSubscriptions) {
  const auto r = bench({"idle", "--aors", file("aors.txt"), "--connections", "4", "--subscriptions", "20",
                        "--duration", "2", "--json"});
  const auto j = result_of(r, "idle");
  EXPECT_EQ(j.at("completed").to_number<int>(), 4);
  EXPECT_EQ(j.at("subscriptions").to_number<int>(), 20);
  EXPECT_EQ(j.at("open_at_end").to_number<int>(), 4);
  EXPECT_GT(j.at("rss_bytes").to_number<std::uint64_t>(), 0u);
  EXPECT_TRUE(j.contains("bytes_per_connection"));
}

TEST_F(Bench, FanoutOfARevocation) {
  const auto r = bench({"fanout", "--aor", "erin@example.test", "--connections", "4", "--subscriptions", "20",
                        "--duration", "2", "--json", "--password-file", file("password")});
  const auto j = result_of(r, "fanout");
  EXPECT_EQ(j.at("subscriptions").to_number<int>(), 20);
  EXPECT_EQ(j.at("trigger").as_string(), "revoke");
  // Every subscriber had every round's NOTIFY.
  const auto rounds = j.at("rounds").to_number<std::uint64_t>();
  EXPECT_GE(rounds, 1u);
  EXPECT_EQ(j.at("completed").to_number<std::uint64_t>(), 20 * rounds) << r.out;
  EXPECT_EQ(j.at("fanout_ms").as_array().size(), rounds);
  EXPECT_GT(j.at("fanout_ms_max").to_number<double>(), 0.0);
}

TEST_F(Bench, FanoutOfANewCertificate) {
  const auto r = bench({"fanout", "--aor", "frank@example.test", "--connections", "2", "--subscriptions", "10",
                        "--duration", "1", "--trigger", "publish", "--json", "--password-file", file("password")});
  const auto j = result_of(r, "fanout");
  EXPECT_EQ(j.at("trigger").as_string(), "publish");
  EXPECT_EQ(j.at("completed").to_number<std::uint64_t>(), 10 * j.at("rounds").to_number<std::uint64_t>()) << r.out;
}

TEST_F(Bench, TextSummaryByDefault) {
  const auto r = bench({"fetch", "--aor", "bob@example.test", "--connections", "1", "--duration", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("scenario:    fetch\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("throughput:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("latency ms:  p50 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("errors:      0\n"), std::string::npos) << r.out;
  // Not a terminal: no progress line.
  EXPECT_EQ(r.err, "");
}

TEST_F(Bench, AnUnreachableServerIsOneLineAndExit1) {
  const auto r = run({CREDSVC_BINARY, "bench", "fetch", "--aor", "alice@example.test", "--server", "127.0.0.1:1",
                      "--ca", server_->ca_file(), "--duration", "1"},
                     {}, 60s);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "credsvc: error: bench fetch: cannot connect to 127.0.0.1:1: Connection refused\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(Bench, AForeignCaIsRefusedWithOneLine) {
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = "Somebody Else's CA";
  req.is_ca = true;
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h;
  std::ofstream(file("other-ca.pem")) << certs::issue_certificate(req, key, nullptr, key).to_pem();
  const auto r = run({CREDSVC_BINARY, "bench", "handshake", "--aor", "alice@example.test", "--server", server(),
                      "--ca", file("other-ca.pem"), "--duration", "1"},
                     {}, 60s);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("credsvc: error: bench handshake: TLS with ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("server certificate not accepted for example.test"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(Bench, BadArgumentsExit2) {
  const auto no_target = run({CREDSVC_BINARY, "bench", "fetch", "--server", server(), "--ca", server_->ca_file()}, {}, 60s);
  EXPECT_EQ(no_target.exit_code, 2);
  EXPECT_NE(no_target.err.find("give exactly one of --aor and --aors"), std::string::npos) << no_target.err;
  const auto no_password = run({CREDSVC_BINARY, "bench", "publish", "--aor", "alice@example.test", "--server", server(),
                                "--ca", server_->ca_file()},
                               {}, 60s);
  EXPECT_EQ(no_password.exit_code, 2);
  EXPECT_NE(no_password.err.find("--password-stdin or --password-file"), std::string::npos) << no_password.err;
  const auto unknown = run({CREDSVC_BINARY, "bench", "stampede", "--aor", "alice@example.test", "--server", server(),
                            "--ca", server_->ca_file()},
                           {}, 60s);
  EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace
}  // namespace credsvc::testing
