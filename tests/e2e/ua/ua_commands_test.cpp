// `credsvc publish` and `credsvc fetch` as a user runs them, against the real
// server (`credsvc serve` on the embedded default, real PostgreSQL, SIP over
// TLS and the HTTPS identity-certificate endpoint): publish then fetch with
// RFC 6072 §10.3 verification, an encrypted key through the credential
// package, wrong passwords, revocation, conditional publication, a foreign
// trust anchor, and --watch following changes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "certs/certificate.hpp"
#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "child.hpp"
#include "server_process.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class UaCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A change NOTIFY at most once a second instead of a minute (RFC 6072
    // §7.11 lets the operator choose), so --watch sees changes quickly.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--notify-interval", "1"});
    for (const char* user : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"}) {
      const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", server_->data_dir().string(), "user", "add",
                          std::string(user) + "@example.test", "--password-stdin"},
                         std::string(user) + "-password\n", 120s);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static void TearDownTestSuite() { server_.reset(); }

  // The arguments every command needs to reach the server.
  static std::vector<std::string> endpoint() {
    return {"--server", "127.0.0.1:" + std::to_string(server_->sip_port()), "--ca", server_->ca_file(), "--resolve",
            "example.test:" + std::to_string(server_->http_port()) + ":127.0.0.1", "--timeout", "20"};
  }
  std::vector<std::string> command(std::vector<std::string> head, const std::vector<std::string>& tail = {}) const {
    head.insert(head.begin(), CREDSVC_BINARY);
    const auto e = endpoint();
    head.insert(head.end(), e.begin(), e.end());
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
  }
  RunResult publish(const std::string& user, std::vector<std::string> args, const std::string& input) const {
    std::vector<std::string> head{"publish", user + "@example.test", "--user", user, "--password-stdin",
                                  "--state-dir", (temp_.path() / "state").string()};
    return run(command(head, args), input, 120s);
  }
  RunResult fetch(const std::string& aor, std::vector<std::string> args = {}, const std::string& input = {}) const {
    return run(command({"fetch", aor}, args), input, 120s);
  }
  fs::path file(const std::string& name) const { return temp_.path() / name; }

  static inline std::unique_ptr<ServerProcess> server_;
  TempDir temp_;
};

std::string fingerprint_of(const fs::path& pem) { return certs::Certificate::from_pem(read_file(pem)).fingerprint_sha256(); }

TEST_F(UaCommands, GeneratedCredentialIsPublishedAndFetchedVerified) {
  const auto pub = publish("alice", {"--generate", "--out", file("alice").string()}, "alice-password\n");
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  EXPECT_TRUE(std::regex_match(pub.out, std::regex("published alice@example\\.test etag \\S+ expires [0-9]+\n")))
      << pub.out;
  struct stat st {};
  ASSERT_EQ(::stat(file("alice.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto published = certs::Certificate::from_pem(read_file(file("alice.pem")));
  EXPECT_EQ(published.san_uris(), std::vector<std::string>{"sip:alice@example.test"});
  EXPECT_TRUE(certs::PrivateKey::from_pkcs8_pem(read_file(file("alice.key"))).matches(published));
  // The ETag is kept for the next PUBLISH's SIP-If-Match.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pub.out, m, std::regex(" etag (\\S+) ")));
  EXPECT_EQ(read_file(file("state") / "alice@example.test.etag"), m[1].str() + "\n");

  const auto got = fetch("alice@example.test", {"--out", file("got.pem").string()});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(certs::Certificate::from_pem(read_file(file("got.pem"))), published);

  // Standard output by default; --json describes it.
  const auto pem = fetch("sips:alice@example.test");
  ASSERT_EQ(pem.exit_code, 0) << pem.err;
  EXPECT_EQ(certs::Certificate::from_pem(pem.out), published);
  const auto js = fetch("alice@example.test", {"--json"});
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const auto j = boost::json::parse(js.out).as_object();
  EXPECT_EQ(j.at("aor").as_string(), "alice@example.test");
  EXPECT_EQ(j.at("fingerprint_sha256").as_string(), published.fingerprint_sha256());
  EXPECT_EQ(j.at("verified").as_bool(), true);
  EXPECT_TRUE(j.contains("not_before") && j.contains("not_after") && j.contains("subject"));
}

TEST_F(UaCommands, EncryptedKeyComesBackThroughTheCredentialPackage) {
  const auto pub = publish("bob", {"--generate", "--out", file("bob").string(), "--passphrase-stdin"},
                           "bob-password\nopen sesame\n");
  ASSERT_EQ(pub.exit_code, 0) << pub.err;
  const std::string key_pem = read_file(file("bob.key"));
  ASSERT_EQ(key_pem.rfind("-----BEGIN ENCRYPTED PRIVATE KEY-----", 0), 0u) << key_pem.substr(0, 40);
  const auto key = certs::PrivateKey::from_pkcs8_pem(key_pem, std::string_view("open sesame"));

  const auto got = fetch("bob@example.test",
                         {"--credential", "--user", "bob", "--password-stdin", "--passphrase-stdin", "--out",
                          file("bob-got.pem").string(), "--key-out", file("bob-got.key").string()},
                         "bob-password\nopen sesame\n");
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const auto fetched_key = certs::PrivateKey::from_pkcs8_pem(read_file(file("bob-got.key")));
  EXPECT_EQ(fetched_key.spki_fingerprint_sha256(), key.spki_fingerprint_sha256());
  EXPECT_EQ(fetched_key.to_pkcs8_der(), key.to_pkcs8_der());
  struct stat st {};
  ASSERT_EQ(::stat(file("bob-got.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(fingerprint_of(file("bob-got.pem")), fingerprint_of(file("bob.pem")));

  // Without the passphrase the encrypted key is not written.
  const auto refused = fetch("bob@example.test",
                             {"--credential", "--user", "bob", "--password-stdin", "--key-out",
                              file("bob-none.key").string()},
                             "bob-password\n");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("encrypted"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(file("bob-none.key")));
}

TEST_F(UaCommands, WrongPasswordIsRefused) {
  const auto pub = publish("carol", {"--generate", "--out", file("carol").string()}, "not-carols\n");
  EXPECT_EQ(pub.exit_code, 1);
  EXPECT_TRUE(std::regex_search(pub.err, std::regex("^credsvc: error: carol@example\\.test: server answered (401|403) ")))
      << pub.err;
  EXPECT_EQ(std::count(pub.err.begin(), pub.err.end(), '\n'), 1) << pub.err;

  const auto cred = fetch("carol@example.test", {"--credential", "--user", "carol", "--password-stdin"}, "wrong\n");
  EXPECT_EQ(cred.exit_code, 1);
  EXPECT_TRUE(std::regex_search(cred.err, std::regex("server answered (401|403) "))) << cred.err;
}

TEST_F(UaCommands, RevokedCredentialIsNoCertificate) {
  ASSERT_EQ(publish("dave", {"--generate", "--out", file("dave").string()}, "dave-password\n").exit_code, 0);
  ASSERT_EQ(fetch("dave@example.test").exit_code, 0);
  const auto revoked = publish("dave", {"--revoke"}, "dave-password\n");
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(revoked.out, "revoked dave@example.test\n");
  const auto after = fetch("dave@example.test");
  EXPECT_EQ(after.exit_code, 1);
  EXPECT_NE(after.err.find("no certificate"), std::string::npos) << after.err;
  EXPECT_EQ(after.err.rfind("credsvc: error: dave@example.test: ", 0), 0u) << after.err;
}

TEST_F(UaCommands, StaleEtagGets412) {
  // Two devices of erin's, each with its own state: the second replaces the
  // first's publication, so the first's ETag is stale.
  const std::string other_state = (temp_.path() / "other-state").string();
  ASSERT_EQ(publish("erin", {"--generate", "--out", file("erin1").string()}, "erin-password\n").exit_code, 0);
  const auto second = run(command({"publish", "erin@example.test", "--user", "erin", "--password-stdin",
                                   "--state-dir", other_state, "--generate", "--out", file("erin2").string()}),
                          "erin-password\n", 120s);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto stale = publish("erin", {"--cert", file("erin1.pem").string(), "--key", file("erin1.key").string()},
                             "erin-password\n");
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.err.find("server answered 412"), std::string::npos) << stale.err;
  // The fetched certificate is still the second device's.
  const auto got = fetch("erin@example.test", {"--out", file("erin-got.pem").string()});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(fingerprint_of(file("erin-got.pem")), fingerprint_of(file("erin2.pem")));
}

TEST_F(UaCommands, ForeignTrustAnchorFailsNamingTheCheck) {
  ASSERT_EQ(publish("frank", {"--generate", "--out", file("frank").string()}, "frank-password\n").exit_code, 0);
  // Another CA, made here: neither the server's TLS nor its identity
  // certificate chains to it.
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest r;
  r.common_name = "Somebody Else's CA";
  r.is_ca = true;
  r.not_before = std::chrono::system_clock::now() - 1h;
  r.not_after = std::chrono::system_clock::now() + 24h;
  const auto other = certs::issue_certificate(r, key, nullptr, key);
  std::ofstream(file("other-ca.pem")) << other.to_pem();
  std::vector<std::string> args = command({"fetch", "frank@example.test"});
  std::replace(args.begin(), args.end(), server_->ca_file(), file("other-ca.pem").string());
  const auto got = run(args, {}, 120s);
  EXPECT_EQ(got.exit_code, 1);
  EXPECT_EQ(got.err.rfind("credsvc: error: frank@example.test: ", 0), 0u) << got.err;
  EXPECT_NE(got.err.find("server certificate not accepted for example.test"), std::string::npos) << got.err;
  EXPECT_TRUE(got.out.empty());
}

TEST_F(UaCommands, GivenCertificateAloneThenWithAPlainKey) {
  // RFC 6072 §3's other two styles: a certificate only, then certificate
  // and unencrypted key, from files the user made elsewhere.
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest r;
  r.common_name = "grace";
  r.san_uris = {"sip:grace@example.test"};
  r.not_before = std::chrono::system_clock::now() - 1h;
  r.not_after = std::chrono::system_clock::now() + 24h * 30;
  const auto cert = certs::issue_certificate(r, key, nullptr, key);
  std::ofstream(file("grace.pem")) << cert.to_pem();
  std::ofstream(file("grace.key")) << key.to_pkcs8_pem();

  ASSERT_EQ(publish("grace", {"--cert", file("grace.pem").string()}, "grace-password\n").exit_code, 0);
  const std::vector<std::string> credential{"--credential", "--user", "grace@example.test", "--password-stdin",
                                            "--key-out", file("grace-got.key").string()};
  const auto no_key = fetch("grace@example.test", credential, "grace-password\n");
  EXPECT_EQ(no_key.exit_code, 1);
  EXPECT_NE(no_key.err.find("no private key"), std::string::npos) << no_key.err;

  const auto with_key = publish("grace", {"--cert", file("grace.pem").string(), "--key", file("grace.key").string()},
                                "grace-password\n");
  ASSERT_EQ(with_key.exit_code, 0) << with_key.err;
  const auto got = fetch("grace@example.test", credential, "grace-password\n");
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(certs::Certificate::from_pem(got.out), cert);
  EXPECT_EQ(certs::PrivateKey::from_pkcs8_pem(read_file(file("grace-got.key"))).to_pkcs8_der(), key.to_pkcs8_der());
}

TEST_F(UaCommands, WatchPrintsEachChange) {
  ASSERT_EQ(publish("alice", {"--generate", "--out", file("w1").string()}, "alice-password\n").exit_code, 0);
  Child watch(command({"fetch", "alice@example.test", "--watch"}));
  const std::string first = fingerprint_of(file("w1.pem"));
  ASSERT_TRUE(watch.wait_for_output(first, 60s)) << watch.err();

  ASSERT_EQ(publish("alice", {"--generate", "--out", file("w2").string()}, "alice-password\n").exit_code, 0);
  const std::string second = fingerprint_of(file("w2.pem"));
  ASSERT_TRUE(watch.wait_for_output(second, 60s)) << watch.out() << watch.err();

  ASSERT_EQ(publish("alice", {"--revoke"}, "alice-password\n").exit_code, 0);
  ASSERT_TRUE(watch.wait_for_output("no certificate", 60s)) << watch.out() << watch.err();

  watch.signal(SIGINT);
  EXPECT_EQ(watch.wait(30s), std::optional<int>(0)) << watch.err();
  // One line per NOTIFY, in order.
  const std::string out = watch.out();
  EXPECT_LT(out.find(first), out.find(second));
  EXPECT_LT(out.find(second), out.find("no certificate"));
  EXPECT_TRUE(watch.err().empty()) << watch.err();
}

}  // namespace
}  // namespace credsvc::testing
