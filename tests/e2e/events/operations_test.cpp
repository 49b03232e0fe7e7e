// Operations (issue 6): domains and certificates change without a restart,
// for new handshakes on SIP and HTTPS alike and for new signatures, whether
// the change comes through the change notifications or SIGHUP; /metrics and
// /readyz tell an operator what the instance does and whether it can serve.
#include <signal.h>
#include <sys/resource.h>

#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <pqxx/pqxx>
#include <thread>

#include "cli/test_ca.hpp"
#include "events_test.hpp"
#include "https_test_client.hpp"
#include "test_postgres.hpp"
#include "tls_client.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;
namespace asio = boost::asio;

class Operations : public EventsTest {
 protected:
  static void SetUpTestSuite() { start_suite({}); }
  static void TearDownTestSuite() { stop_suite(); }

  static HttpsTestClient https(const std::string& sni) {
    HttpsClientOptions o;
    o.port = server().http_port();
    o.ca_pem = read_file(deployment().ca_file());
    o.server_name = sni;
    return HttpsTestClient(o);
  }
  // The SHA-256 of the TLS certificate a new HTTPS handshake with `sni` gets.
  static std::string https_certificate(const std::string& sni) {
    return https(sni).server_certificate().fingerprint_sha256();
  }
  static std::vector<std::string> sip_certificate_names(const std::string& sni) {
    TlsClientOptions o;
    o.port = server().sip_port();
    o.ca_file = deployment().ca_file();
    o.server_name = sni;
    try {
      return TlsClient(o).server_certificate_dns_names();
    } catch (const std::runtime_error&) {
      return {};  // the certificate does not name `sni` (yet): verification fails
    }
  }
  // Waits up to `limit` for `done`, polling.
  template <typename F>
  static bool eventually(F done, std::chrono::milliseconds limit = 5s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return done();
  }
  static cli::TestCa ca() { return cli::TestCa::load_or_create(std::filesystem::path(deployment().ca_file()).parent_path()); }
  // New TLS and identity certificates for example.test, from the same CA.
  static db::DomainCertUpdate fresh_certificates() {
    const auto d = ca().issue_domain("example.test");
    return db::DomainCertUpdate{d.tls, d.identity, std::nullopt};
  }
  static std::string metrics_text() {
    const auto r = https("example.test").get("/metrics");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(r[boost::beast::http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    return r.body();
  }
  // The value of the sample line that starts with `series` ("name{labels}"), or -1.
  static double sample(const std::string& text, const std::string& series) {
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
};

TEST_F(Operations, RotatedCertificatesServeNewHandshakesAndSignaturesWithoutRestart) {
  auto before_client = https("example.test");  // stays open across the rotation
  const auto tls_before = before_client.server_certificate().fingerprint_sha256();
  const auto identity_before = before_client.get("/identity/example.test.cer").body();

  const auto update = fresh_certificates();
  deployment().store().async_update_domain_certs("example.test", update, "test", asio::use_future).get();
  const auto expected_tls = certs::Certificate::chain_from_pem(update.tls->chain_pem).front().fingerprint_sha256();

  ASSERT_TRUE(eventually([&] { return https_certificate("example.test") == expected_tls; }))
      << "a new HTTPS handshake did not get the rotated certificate within 5 s";
  EXPECT_NE(expected_tls, tls_before);
  // SIP takes the same contexts.
  {
    TlsClientOptions o;
    o.port = server().sip_port();
    o.ca_file = deployment().ca_file();
    o.server_name = "example.test";
    TlsClient sip(o);
    sip.send(make_request("OPTIONS", "sip:example.test", "z9hG4bK-rot-1"));
    const auto answer = sip.receive();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->rfind("SIP/2.0 200", 0), 0u);
  }
  // The identity certificate and the NOTIFY signatures follow.
  const auto identity_after = https("example.test").get("/identity/example.test.cer").body();
  const auto expected_identity = certs::Certificate::chain_from_pem(update.identity->chain_pem).front();
  EXPECT_EQ(certs::Certificate::from_der(certs::as_bytes(identity_after)).fingerprint_sha256(),
            expected_identity.fingerprint_sha256());
  EXPECT_NE(identity_after, identity_before);
  auto watcher = ua();
  deployment().add_user("rotor", "rotor-pw");
  ASSERT_EQ(watcher->subscribe(uri("rotor"), "certificate", 0).status(), 200);
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  EXPECT_TRUE(signed_by_domain(*n));

  // The connection made before the rotation goes on with what it had.
  EXPECT_EQ(before_client.get("/healthz").result_int(), 200);
  EXPECT_EQ(before_client.server_certificate().fingerprint_sha256(), tls_before);
}

// `credsvc admin domain rotate` checks the files before writing anything,
// and what it writes reaches the running server's new handshakes.
TEST_F(Operations, CliRotationIsCheckedThenTakesEffect) {
  TempDir dir;
  const auto fresh = fresh_certificates();
  const auto other = fresh_certificates();
  const auto write = [&](const std::string& name, const std::string& text) {
    const auto path = (dir.path() / name).string();
    std::ofstream(path) << text;
    return path;
  };
  const auto cert = write("tls.pem", fresh.tls->chain_pem);
  const auto key = write("tls.key", fresh.tls->key_pem);
  const auto wrong_key = write("other.key", other.tls->key_pem);
  const auto before = https_certificate("example.test");

  const auto refused = run({CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "domain", "rotate",
                            "example.test", "--tls-cert", cert, "--tls-key", wrong_key});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find(wrong_key), std::string::npos) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  const auto unknown = run({CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "domain", "rotate",
                            "nowhere.example", "--tls-cert", cert, "--tls-key", key});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("nowhere.example"), std::string::npos) << unknown.err;
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(https_certificate("example.test"), before) << "a refused rotation changed something";

  const auto done = run({CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "domain", "rotate", "example.test",
                         "--tls-cert", cert, "--tls-key", key});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const auto expected = certs::Certificate::chain_from_pem(fresh.tls->chain_pem).front().fingerprint_sha256();
  EXPECT_TRUE(eventually([&] { return https_certificate("example.test") == expected; }));
}

TEST_F(Operations, DomainAddedWhileRunningIsServedBySni) {
  deployment().store().async_add_domain(ca().issue_domain("example.net"), "test", asio::use_future).get();
  ASSERT_TRUE(eventually([&] {
    const auto names = sip_certificate_names("example.net");
    return std::find(names.begin(), names.end(), "example.net") != names.end();
  })) << "the new domain was not served within 5 s";
  const auto names = https("example.net").server_certificate().san_dns();  // verified for example.net
  EXPECT_NE(std::find(names.begin(), names.end(), "example.net"), names.end());
  EXPECT_EQ(https("example.net").get("/identity/example.net.cer").result_int(), 200);
}

TEST_F(Operations, SighupReadsTheDomainsAgain) {
  // A change the server is not told of (triggers off for this session), so
  // only SIGHUP can bring it in.
  const auto update = fresh_certificates();
  const auto expected = certs::Certificate::chain_from_pem(update.tls->chain_pem).front().fingerprint_sha256();
  {
    pqxx::connection conn(deployment().conninfo());
    pqxx::work tx(conn);
    tx.exec("SET LOCAL session_replication_role = replica");
    tx.exec_params("UPDATE domains SET tls_chain_pem = $1, tls_key_pem = $2 WHERE name = 'example.test'",
                   update.tls->chain_pem, update.tls->key_pem);
    tx.commit();
  }
  std::this_thread::sleep_for(1s);
  EXPECT_NE(https_certificate("example.test"), expected) << "the server saw a change it was not told of";
  server().child().signal(SIGHUP);
  EXPECT_TRUE(eventually([&] { return https_certificate("example.test") == expected; }))
      << "SIGHUP did not reload the domains within 5 s";
  EXPECT_TRUE(server().child().wait_for_output("received SIGHUP", 1s));
}

// SIGHUP reads the --config file again: a new log level applies at once,
// twice in a row, and a file with a fault changes nothing and is named.
TEST_F(Operations, SighupReadsTheConfigFileAgain) {
  TempDir dir;
  const auto config = (dir.path() / "credsvc.toml").string();
  const auto write_config = [&](const std::string& level) {
    std::ofstream(config) << "[serve]\nlog-level = \"" << level << "\"\n";
  };
  write_config("info");
  Child server({CREDSVC_BINARY, "--config", config, "serve", "--db", deployment().conninfo(), "--sip-listen",
                "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--threads", "1", "--db-pool", "2"});
  ASSERT_TRUE(server.wait_for_output("credsvc ready", 20s)) << server.err();

  write_config("debug");
  server.signal(SIGHUP);
  EXPECT_TRUE(server.wait_for_output("SIGHUP: log level now debug", 5s)) << server.err();
  write_config("info");
  server.signal(SIGHUP);
  EXPECT_TRUE(server.wait_for_output("SIGHUP: log level now info", 5s)) << server.err();

  std::ofstream(config) << "[serve]\nlog-levle = \"debug\"\n";
  server.signal(SIGHUP);
  EXPECT_TRUE(server.wait_for_output("SIGHUP: configuration not reloaded", 5s)) << server.err();
  EXPECT_NE(server.err().find("log-levle"), std::string::npos) << server.err();
  EXPECT_TRUE(server.running());
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(20s), 0) << server.err();
}

TEST_F(Operations, MetricsCountRequestsHandshakesSignaturesAndTheDatabase) {
  deployment().add_user("metered", "metered-pw");
  auto watcher = ua();
  ASSERT_EQ(watcher->subscribe(uri("metered"), "certificate", 600).status(), 200);
  ASSERT_TRUE(watcher->next_notify());
  auto unknown = ua();
  ASSERT_EQ(unknown->subscribe(uri("metered"), "presence", 0).status(), 489);  // RFC 6665 §8.3.1

  const auto text = metrics_text();
  EXPECT_GE(sample(text, "credsvc_sip_requests_total{method=\"SUBSCRIBE\"}"), 2) << text;
  EXPECT_GE(sample(text, "credsvc_sip_responses_total{method=\"SUBSCRIBE\",code=\"200\"}"), 1);
  EXPECT_GE(sample(text, "credsvc_sip_responses_total{method=\"SUBSCRIBE\",code=\"489\"}"), 1);
  EXPECT_GE(sample(text, "credsvc_tls_handshakes_total{listener=\"sip\",domain=\"example.test\",result=\"ok\"}"), 2);
  EXPECT_GE(sample(text, "credsvc_open_connections{listener=\"sip\",domain=\"example.test\"}"), 2);
  EXPECT_GE(sample(text, "credsvc_subscriptions{package=\"certificate\"}"), 1);
  EXPECT_GE(sample(text, "credsvc_notifies_sent_total"), 1);
  EXPECT_GE(sample(text, "credsvc_identity_sign_seconds_count"), 1);
  EXPECT_GE(sample(text, "credsvc_db_transaction_seconds_count"), 1);
  EXPECT_GE(sample(text, "credsvc_db_open_connections"), 1);
  EXPECT_GT(sample(text, "process_resident_memory_bytes"), 0);
  // The demo certificates are valid for a year: outside the default 30-day window.
  EXPECT_EQ(sample(text, "credsvc_certificate_expiring{domain=\"example.test\",kind=\"tls\"}"), 0);
  EXPECT_GT(sample(text, "credsvc_certificate_not_after_seconds{domain=\"example.test\",kind=\"identity\"}"), 0);
  EXPECT_NE(text.find("# TYPE credsvc_sip_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE credsvc_identity_sign_seconds histogram\n"), std::string::npos);
  // The HTTPS side counts itself (this scrape is counted after it is answered).
  EXPECT_GE(sample(metrics_text(), "credsvc_http_requests_total{method=\"GET\",code=\"200\"}"), 1);
  // No secret: the metrics carry no key material.
  EXPECT_EQ(text.find("PRIVATE KEY"), std::string::npos);
}

// Certificates inside the warning window are logged at start-up and
// reported by credsvc_certificate_expiring.
TEST_F(Operations, CertificatesAboutToExpireAreWarnedOfInLogAndMetrics) {
  // The demo certificates expire in a year; a ten-year window takes them in.
  auto warned = deployment().start_server({"--cert-expiry-warning", "3650"});
  EXPECT_TRUE(warned->child().wait_for_output("domain example.test: the tls certificate expires at", 5s))
      << warned->child().err();
  EXPECT_TRUE(warned->child().wait_for_output("domain example.test: the identity certificate expires at", 1s));
  HttpsClientOptions o;
  o.port = warned->http_port();
  o.ca_pem = read_file(deployment().ca_file());
  o.server_name = "example.test";
  const auto text = HttpsTestClient(o).get("/metrics").body();
  EXPECT_EQ(sample(text, "credsvc_certificate_expiring{domain=\"example.test\",kind=\"tls\"}"), 1) << text;
  EXPECT_EQ(sample(text, "credsvc_certificate_expiring{domain=\"example.test\",kind=\"identity\"}"), 1);
  EXPECT_TRUE(stopped_cleanly(*warned));
}

// "Max open files  SOFT  HARD  files" of a process.
std::pair<std::string, std::string> open_file_limits(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("Max open files")) continue;
    std::istringstream fields(line.substr(std::string("Max open files").size()));
    std::string soft, hard;
    fields >> soft >> hard;
    return {soft, hard};
  }
  return {};
}

// Each connection is a descriptor: serve raises its soft limit to the hard
// one by itself, and says so when even that cannot hold --max-connections.
TEST_F(Operations, ServeRaisesItsOpenFileLimit) {
  rlimit original{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &original), 0);
  ASSERT_GT(original.rlim_max, 512u) << "the hard limit is too low to tell a raise from none";
  rlimit lowered = original;
  lowered.rlim_cur = 512;  // inherited by the server
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  const std::string too_many = std::to_string(original.rlim_max == RLIM_INFINITY ? 1u << 30 : original.rlim_max + 1);
  auto server = deployment().start_server({"--max-connections", too_many});
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &original), 0);
  const auto [soft, hard] = open_file_limits(server->child().pid());
  EXPECT_NE(soft, "512");
  EXPECT_EQ(soft, hard);
  EXPECT_TRUE(server->child().wait_for_output("descriptors are needed: connections beyond it will fail", 5s))
      << server->child().err();
  EXPECT_TRUE(stopped_cleanly(*server));
}

TEST_F(Operations, ReadyzFollowsTheDatabase) {
  auto ready = https("example.test").get("/readyz");
  ASSERT_EQ(ready.result_int(), 200) << ready.body();
  auto body = boost::json::parse(ready.body());
  EXPECT_EQ(body.at("status").as_string(), "ready");
  EXPECT_TRUE(body.at("checks").at("database").at("ok").as_bool());
  EXPECT_TRUE(body.at("checks").at("certificates").at("ok").as_bool());

  stop_cluster();
  const auto down = https("example.test").get("/readyz");
  EXPECT_EQ(down.result_int(), 503) << down.body();
  EXPECT_FALSE(boost::json::parse(down.body()).at("checks").at("database").at("ok").as_bool());
  EXPECT_EQ(https("example.test").get("/healthz").result_int(), 200);  // the process still runs
  start_cluster();
  EXPECT_TRUE(eventually([&] { return https("example.test").get("/readyz").result_int() == 200; }, 15s))
      << "not ready again after the database came back";
}

}  // namespace
}  // namespace credsvc::testing::events
