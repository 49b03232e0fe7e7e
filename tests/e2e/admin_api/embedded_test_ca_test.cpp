// POST /api/v1/domains {"test_ca": true} on the embedded default, the one
// server that has a local test CA (development installations).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "child.hpp"
#include "deployment.hpp"
#include "https_test_client.hpp"
#include "server_process.hpp"

namespace credsvc::testing::admin_api {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

TEST(AdminApiOnTheEmbeddedDefault, TheTestCaIssuesANewDomain) {
  ServerProcess server(std::vector<std::string>{"--threads", "2"});
  const auto token = run({CREDSVC_BINARY, "admin", "--data-dir", server.data_dir().string(), "token", "create", "dev",
                          "--scope", "admin"},
                         {}, 120s);
  ASSERT_EQ(token.exit_code, 0) << token.err;
  const std::string bearer = "Bearer " + token.out.substr(0, token.out.find('\n'));
  const auto post = [&](const std::string& body) {
    HttpsClientOptions o;
    o.port = server.http_port();
    o.ca_pem = read_file(server.ca_file());
    o.server_name = "example.test";
    HttpsTestClient client(o);
    return client.request(http::Verb::post, "/api/v1/domains", body,
                          {{"Authorization", bearer}, {"Content-Type", "application/json"}});
  };

  const auto added = post(R"({"name":"dev.test","test_ca":true})");
  ASSERT_EQ(added.result_int(), 201) << added.body();
  const auto d = json::parse(added.body());
  EXPECT_EQ(d.at("tls").at("issuer").as_string(), "CN=credsvc test CA");
  EXPECT_EQ(d.at("tls").at("san_dns").as_array().at(0).as_string(), "dev.test");
  EXPECT_EQ(d.at("identity").at("key").as_string(), "RSA-2048");
  EXPECT_EQ(d.at("realm").as_string(), "dev.test");

  const auto again = post(R"({"name":"dev.test","test_ca":true})");
  EXPECT_EQ(again.result_int(), 409) << again.body();
  EXPECT_EQ(json::parse(again.body()).at("error").at("code").as_string(), "domain_exists");

  const auto listed = run({CREDSVC_BINARY, "admin", "--data-dir", server.data_dir().string(), "domain", "list"}, {}, 120s);
  EXPECT_NE(listed.out.find("dev.test"), std::string::npos) << listed.out << listed.err;
  EXPECT_TRUE(events::stopped_cleanly(server));
}

}  // namespace
}  // namespace credsvc::testing::admin_api
