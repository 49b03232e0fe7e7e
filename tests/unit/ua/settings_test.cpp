// Command-line values of the UA commands: AORs, --server, --resolve, --ca,
// the state directory for ETags, secrets on stdin, refusals as one line.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sip/parser.hpp"
#include "ua/argument_checks.hpp"
#include "ua/client_settings.hpp"
#include "ua/etag_store.hpp"
#include "ua/response_summary.hpp"
#include "ua/secret_input.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua {
namespace {

TEST(AorParts, CanonicalUserAndDomain) {
  const auto a = parse_aor("sips:alice@EXAMPLE.test:5061;transport=tls");
  EXPECT_EQ(a.canonical, "alice@example.test:5061");
  EXPECT_EQ(a.user, "alice");
  EXPECT_EQ(a.domain, "example.test");
  EXPECT_EQ(parse_aor("bob@example.test").sip_uri(), "sip:bob@example.test");
  EXPECT_THROW(parse_aor("example.test"), std::invalid_argument);
  EXPECT_THROW(parse_aor("mailto:bob@example.test"), std::invalid_argument);
}

TEST(ServerAddress, HostPortForms) {
  const auto a = parse_host_port("Example.TEST:5061");
  EXPECT_EQ(a.host, "example.test");
  EXPECT_EQ(a.port, 5061);
  EXPECT_EQ(a.key(), "example.test:5061");
  const auto v6 = parse_host_port("[::1]:5061");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.key(), "[::1]:5061");
  EXPECT_THROW(parse_host_port("example.test"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("example.test:0"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("example.test:65536"), std::invalid_argument);
  EXPECT_THROW(parse_host_port(":5061"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("[::1:5061"), std::invalid_argument);
}

TEST(ServerAddress, ResolveOverrides) {
  const auto m = parse_resolve_specs({"example.test:8443:127.0.0.1", "EXAMPLE.test:5061:[::1]"});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.at("example.test:8443"), "127.0.0.1");
  EXPECT_EQ(m.at("example.test:5061"), "::1");
  EXPECT_EQ(connect_host(parse_host_port("example.test:5061"), m), "::1");
  EXPECT_EQ(connect_host(parse_host_port("example.test:5062"), m), "example.test");
  EXPECT_THROW(parse_resolve_specs({"example.test:8443"}), std::invalid_argument);
  EXPECT_THROW(parse_resolve_specs({"example.test:8443:not-an-ip"}), std::invalid_argument);
  EXPECT_THROW(parse_resolve_specs({"example.test:x:127.0.0.1"}), std::invalid_argument);
}

TEST(ArgumentChecks, RefusalsNameTheFault) {
  EXPECT_EQ(check_aor_argument("alice@example.test"), "");
  EXPECT_EQ(check_aor_argument("bob"), "'bob' is not an address-of-record (user@domain)");
  EXPECT_EQ(check_server_argument("127.0.0.1:5061"), "");
  EXPECT_NE(check_server_argument("127.0.0.1").find("HOST:PORT"), std::string::npos);
  EXPECT_EQ(check_resolve_argument("example.test:8443:127.0.0.1"), "");
  EXPECT_NE(check_resolve_argument("example.test:8443:nowhere").find("not an IP address"), std::string::npos);
}

TEST(ClientSettings, ComponentsGetTheDomainTheOverridesAndTheAnchors) {
  const std::string ca = test::root_ca().cert.to_pem();
  const auto s = ClientSettings::make("alice@example.test", "example.test:5061",
                                      {"example.test:5061:127.0.0.1", "certs.example.test:8443:127.0.0.2"}, ca,
                                      std::chrono::seconds(3));
  const auto tls = s.tls_options();
  EXPECT_EQ(tls.connect_host, "127.0.0.1");
  EXPECT_EQ(tls.port, 5061);
  EXPECT_EQ(tls.server_name, "example.test");
  EXPECT_EQ(tls.timeout, std::chrono::seconds(3));
  const auto trust = s.notify_trust();
  EXPECT_EQ(trust.trust_anchors, std::vector<certs::Certificate>{test::root_ca().cert});
  EXPECT_EQ(trust.allowed_info_hosts, (std::vector<std::string>{"example.test", "certs.example.test"}));
  const auto f = s.fetcher_options();
  EXPECT_EQ(f.allowed_hosts, trust.allowed_info_hosts);
  EXPECT_FALSE(f.allow_any_host);
  EXPECT_EQ(f.resolve.at("certs.example.test:8443"), "127.0.0.2");
  EXPECT_EQ(f.extra_trust_pem, std::optional(ca));

  EXPECT_THROW(ClientSettings::make("alice@example.test", "example.test", {}, ca, std::chrono::seconds(3)),
               std::invalid_argument);
  EXPECT_THROW(ClientSettings::make("alice@example.test", "example.test:5061", {}, "not pem", std::chrono::seconds(3)),
               std::invalid_argument);
  EXPECT_THROW(ClientSettings::make("alice@example.test", "example.test:5061", {}, ca, std::chrono::seconds(0)),
               std::invalid_argument);
}

TEST(EtagStore, SavesLoadsAndForgetsPerAor) {
  test::TempDir dir;
  const EtagStore store(std::filesystem::path(dir.path()) / "state" / "credsvc");
  EXPECT_EQ(store.load("alice@example.test"), std::nullopt);
  store.save("alice@example.test", "e1");
  store.save("bob@example.test", "e2");
  EXPECT_EQ(store.load("alice@example.test"), std::optional<std::string>("e1"));
  EXPECT_EQ(store.load("bob@example.test"), std::optional<std::string>("e2"));
  store.save("alice@example.test", "e3");
  EXPECT_EQ(store.load("alice@example.test"), std::optional<std::string>("e3"));
  EXPECT_TRUE(std::filesystem::exists(store.dir() / "alice@example.test.etag"));
  struct stat st {};
  ASSERT_EQ(::stat(store.dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  store.forget("alice@example.test");
  EXPECT_EQ(store.load("alice@example.test"), std::nullopt);
  EXPECT_EQ(store.load("bob@example.test"), std::optional<std::string>("e2"));
}

TEST(EtagStore, AnAorCannotNameAnotherPath) {
  const EtagStore store("/state");
  EXPECT_EQ(store.file_for("../../etc/passwd@x"), std::filesystem::path("/state/%2E.%2F..%2Fetc%2Fpasswd@x.etag"));
  EXPECT_EQ(store.file_for("a/b@example.test").parent_path(), std::filesystem::path("/state"));
}

TEST(EtagStore, DefaultDirectoryFollowsXdg) {
  const char* old_xdg = std::getenv("XDG_STATE_HOME");
  const std::string saved = old_xdg != nullptr ? old_xdg : "";
  ::setenv("XDG_STATE_HOME", "/xdg/state", 1);
  EXPECT_EQ(EtagStore::default_dir(), std::filesystem::path("/xdg/state/credsvc"));
  ::unsetenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') {
    EXPECT_EQ(EtagStore::default_dir(), std::filesystem::path(home) / ".local/state/credsvc");
  }
  if (old_xdg != nullptr) ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
}

TEST(SecretInput, ReadsOneSecretPerLine) {
  std::istringstream in("pass word\r\nphrase\n");
  EXPECT_EQ(read_secret_lines(in, {"password", "passphrase"}), (std::vector<std::string>{"pass word", "phrase"}));
  std::istringstream short_input("only-one\n");
  try {
    read_secret_lines(short_input, {"password", "passphrase"});
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "no passphrase on standard input");
  }
  std::istringstream empty("\n");
  EXPECT_THROW(read_secret_lines(empty, {"password"}), std::runtime_error);
}

TEST(ResponseSummary, NamesCodeReasonAndWarning) {
  const auto with_warning = test::parse(
      "SIP/2.0 403 Certificate expired\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:a@example.test>;tag=1\r\nTo: <sip:a@example.test>;tag=2\r\nCall-ID: x\r\nCSeq: 2 PUBLISH\r\n"
      "Warning: 399 credsvc \"notAfter is in the past\"\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(describe_refusal(with_warning),
            "server answered 403 Certificate expired (Warning: notAfter is in the past)");
  const auto plain = test::parse(
      "SIP/2.0 489 Bad Event\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:a@example.test>;tag=1\r\nTo: <sip:a@example.test>;tag=2\r\nCall-ID: x\r\nCSeq: 1 SUBSCRIBE\r\n"
      "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(describe_refusal(plain), "server answered 489 Bad Event");
}

}  // namespace
}  // namespace credsvc::ua
