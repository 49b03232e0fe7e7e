// Per-domain client-certificate verification: example.test requires a
// certificate from its client CA; example.org asks for none.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "certs/issue_certificate.hpp"
#include "server_process.hpp"
#include "tls_client.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct Issued {
  fs::path cert, key;
};

certs::Certificate make_ca(const certs::PrivateKey& key, const std::string& name) {
  certs::IssueRequest r;
  r.common_name = name;
  r.is_ca = true;
  r.not_before = std::chrono::system_clock::now() - 1h;
  r.not_after = std::chrono::system_clock::now() + 24h;
  return certs::issue_certificate(r, key, nullptr, key);
}

Issued make_client(const fs::path& dir, const std::string& name, const certs::Certificate& ca,
                   const certs::PrivateKey& ca_key) {
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest r;
  r.common_name = name;
  r.san_uris = {"sip:" + name};
  r.not_before = std::chrono::system_clock::now() - 1h;
  r.not_after = std::chrono::system_clock::now() + 24h;
  r.extended_key_usage = std::vector<std::string>{"clientAuth"};
  const auto cert = certs::issue_certificate(r, key, &ca, ca_key);
  Issued out{dir / (name + ".pem"), dir / (name + ".key")};
  std::ofstream(out.cert) << cert.to_pem();
  std::ofstream(out.key) << key.to_pkcs8_pem();
  return out;
}

class ClientCertificates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = std::make_unique<TempDir>();
    const auto ca_key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    const auto ca = make_ca(ca_key, "client CA");
    const auto other_key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    const auto other = make_ca(other_key, "some other CA");
    const fs::path ca_file = files_->path() / "client-ca.pem";
    std::ofstream(ca_file) << ca.to_pem();
    good_ = make_client(files_->path(), "alice@example.test", ca, ca_key);
    foreign_ = make_client(files_->path(), "mallory@example.test", other, other_key);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--domain", "example.test", "--domain", "example.org", "--client-ca", "example.test=" + ca_file.string(),
        "--require-client-cert"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    files_.reset();
  }

  // True when an OPTIONS over a connection with these credentials gets 200.
  static bool options_ok(const std::string& sni, const std::optional<Issued>& client) {
    TlsClientOptions o;
    o.port = server_->sip_port();
    o.ca_file = server_->ca_file();
    o.server_name = sni;
    if (client) {
      o.cert_file = client->cert.string();
      o.key_file = client->key.string();
    }
    try {
      TlsClient c(o);
      c.send(make_request("OPTIONS", "sip:" + sni, "z9hG4bKcc" + std::to_string(++counter_)));
      const auto r = c.receive(3s);
      return r && r->rfind("SIP/2.0 200 ", 0) == 0;
    } catch (const std::exception&) {
      return false;  // handshake refused, or the server's alert closed the connection
    }
  }
  static inline std::unique_ptr<TempDir> files_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline Issued good_, foreign_;
  static inline int counter_ = 0;
};

TEST_F(ClientCertificates, CertificateFromTheDomainsClientCaIsAccepted) {
  EXPECT_TRUE(options_ok("example.test", good_));
}

TEST_F(ClientCertificates, MissingCertificateIsRefusedWhereRequired) {
  EXPECT_FALSE(options_ok("example.test", std::nullopt));
}

TEST_F(ClientCertificates, CertificateFromAnotherCaIsRefused) {
  EXPECT_FALSE(options_ok("example.test", foreign_));
}

TEST_F(ClientCertificates, DomainWithoutClientCaAsksForNone) {
  EXPECT_TRUE(options_ok("example.org", std::nullopt));
}

}  // namespace
}  // namespace credsvc::testing
