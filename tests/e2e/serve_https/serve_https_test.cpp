// `credsvc serve` publishes its domains' identity certificates over HTTPS,
// with the same TLS certificates (SNI) as SIP, and answers /healthz.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "certs/certificate.hpp"
#include "child.hpp"
#include "https_test_client.hpp"
#include "server_process.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;

class ServeHttps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--domain", "example.test", "--domain",
                                                                       "example.org"});
  }
  static void TearDownTestSuite() { server_.reset(); }
  static HttpsTestClient client(const std::string& sni) {
    HttpsClientOptions o;
    o.port = server_->http_port();
    o.ca_pem = read_file(server_->ca_file());
    o.server_name = sni;
    return HttpsTestClient(o);
  }
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServeHttps, HealthzAnswersOk) {
  auto c = client("example.test");
  const auto r = c.get("/healthz");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(boost::json::parse(r.body()).at("status").as_string(), "ok");
}

TEST_F(ServeHttps, IdentityCertificateIsTheOneTheDatabaseHolds) {
  const auto shown = run({CREDSVC_BINARY, "admin", "--data-dir", server_->data_dir().string(), "domain", "show",
                          "example.org", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto stored_spki = boost::json::parse(shown.out).at("identity").at("spki_sha256").as_string();

  auto c = client("example.org");
  const auto r = c.get("/identity/example.org.cer");
  ASSERT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "application/pkix-cert");
  const auto& body = r.body();
  const auto cert = certs::Certificate::from_der(certs::as_bytes(body));
  EXPECT_EQ(cert.spki_fingerprint_sha256(), stored_spki.c_str());
  EXPECT_EQ(cert.san_dns(), std::vector<std::string>{"example.org"});
  // The TLS certificate is the domain's, chosen by SNI as on the SIP port.
  const auto tls_names = c.server_certificate().san_dns();
  EXPECT_NE(std::find(tls_names.begin(), tls_names.end(), "example.org"), tls_names.end());
  EXPECT_EQ(c.get("/identity/nowhere.example.cer").result_int(), 404);
}

}  // namespace
}  // namespace credsvc::testing
