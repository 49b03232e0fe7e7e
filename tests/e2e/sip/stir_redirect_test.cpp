// STIR redirect mode over real TLS: a trusted peer's INVITE gets 302 with
// Contact = its Request-URI and an Identity header whose SHAKEN PASSporT
// verifies against the signing certificate; an untrusted peer gets 403.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "certs/issue_certificate.hpp"
#include "identity/passport_verifier.hpp"
#include "server_process.hpp"
#include "sip/parser.hpp"
#include "tls_client.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;

class StirRedirect : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = std::make_unique<TempDir>();
    const auto ca_key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    certs::IssueRequest ca_req;
    ca_req.common_name = "STIR test CA";
    ca_req.is_ca = true;
    ca_req.not_before = std::chrono::system_clock::now() - 1h;
    ca_req.not_after = std::chrono::system_clock::now() + 24h;
    ca_ = std::make_unique<certs::Certificate>(certs::issue_certificate(ca_req, ca_key, nullptr, ca_key));
    const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    certs::IssueRequest req;
    req.common_name = "SHAKEN signer";
    req.san_dns = {"example.test"};
    req.not_before = std::chrono::system_clock::now() - 1h;
    req.not_after = std::chrono::system_clock::now() + 24h;
    signer_cert_ = std::make_unique<certs::Certificate>(certs::issue_certificate(req, key, ca_.get(), ca_key));
    const auto key_file = files_->path() / "stir.key";
    std::ofstream(key_file) << key.to_pkcs8_pem();
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--stir-key", key_file.string(), "--stir-x5u", "https://example.test/stir/signer.pem", "--stir-attest", "A",
        "--stir-trusted-peer", "127.0.0.1"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    files_.reset();
  }
  static std::string invite(const std::string& branch, const std::string& source) {
    TlsClientOptions o;
    o.port = server_->sip_port();
    o.ca_file = server_->ca_file();
    o.server_name = "example.test";
    o.source_address = source;
    TlsClient c(o);
    c.send("INVITE sip:+12025550100@example.org SIP/2.0\r\n"
           "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=" + branch + "\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:+1-202-555-1212@example.test>;tag=o1\r\n"
           "To: <sip:+12025550100@example.org>\r\n"
           "Call-ID: stir-" + branch + "\r\n"
           "CSeq: 1 INVITE\r\n"
           "Contact: <sips:sbc@127.0.0.1>\r\n"
           "Content-Length: 0\r\n\r\n");
    const auto r = c.receive(5s);
    return r.value_or("");
  }
  static inline std::unique_ptr<TempDir> files_;
  static inline std::unique_ptr<certs::Certificate> ca_, signer_cert_;
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(StirRedirect, TrustedPeerGets302WithAVerifiableShakenPassport) {
  const auto raw = invite("z9hG4bKstir1", "127.0.0.1");
  auto parsed = sip::parse_message(raw);
  ASSERT_TRUE(parsed.ok()) << raw;
  EXPECT_EQ(parsed.msg.status(), 302) << raw;
  EXPECT_EQ(parsed.msg.header("Contact").value_or(""), "<sip:+12025550100@example.org>");
  const auto identity = parsed.msg.header("Identity");
  ASSERT_TRUE(identity) << raw;
  EXPECT_NE(identity->find(";info=<https://example.test/stir/signer.pem>"), std::string_view::npos);
  EXPECT_NE(identity->find(";alg=ES256"), std::string_view::npos);
  EXPECT_NE(identity->find(";ppt=shaken"), std::string_view::npos);

  identity::PassportVerifyOptions vo;
  vo.allowed_x5u_hosts = {"example.test"};
  vo.trust_anchors = {*ca_};
  identity::PassportVerifier verifier(vo);
  const std::vector<certs::Certificate> chain{*signer_cert_};
  const auto result = verifier.verify(*identity, chain, std::chrono::system_clock::now());
  ASSERT_TRUE(result.ok()) << result.result.reason();
  const auto& claims = result.passport->claims;
  EXPECT_EQ(claims.orig.tn, std::optional<std::string>("12025551212"));
  EXPECT_EQ(claims.dest.tn, std::vector<std::string>{"12025550100"});
  EXPECT_EQ(claims.attest, std::optional<std::string>("A"));
  ASSERT_TRUE(claims.origid);
  EXPECT_TRUE(identity::is_uuid(*claims.origid));
}

TEST_F(StirRedirect, UntrustedPeerIsRefused) {
  const auto raw = invite("z9hG4bKstir2", "127.0.0.2");
  EXPECT_EQ(raw.substr(0, raw.find("\r\n")), "SIP/2.0 403 Not a Trusted Peer");
  EXPECT_EQ(raw.find("\r\nIdentity:"), std::string::npos);
}

}  // namespace
}  // namespace credsvc::testing
