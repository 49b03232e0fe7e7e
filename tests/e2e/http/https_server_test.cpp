// The HTTPS server end to end over real TLS: identity certificates, the
// router's answers (404, 405, HEAD, asynchronous handlers), SNI, keep-alive
// and certificate reloads.
#include <gtest/gtest.h>

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <regex>

#include "certs/certificate.hpp"
#include "http/json_response.hpp"
#include "https_fixture.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
using http::Status;
using http::Verb;

std::string header(const http::Response& r, boost::beast::http::field f) {
  const auto v = r[f];
  return std::string(v.data(), v.size());
}

// The "error.code" of a JSON error body.
std::string error_code_of(const http::Response& r) {
  const auto doc = boost::json::parse(r.body());
  return std::string(doc.at("error").at("code").as_string());
}

long max_age_of(const http::Response& r) {
  const std::string cc = header(r, boost::beast::http::field::cache_control);
  std::smatch m;
  if (!std::regex_search(cc, m, std::regex("max-age=([0-9]+)"))) return -1;
  return std::stol(m[1]);
}

using HttpsIdentity = HttpsFixture;
using HttpsRouting = HttpsFixture;
using HttpsTls = HttpsFixture;

TEST_F(HttpsIdentity, CerIsTheLeafInDerWithCacheControl) {
  auto c = client("a.example");
  const auto r = c.get("/identity/a.example.cer");
  ASSERT_EQ(r.result(), Status::ok) << r.body();
  EXPECT_EQ(header(r, boost::beast::http::field::content_type), "application/pkix-cert");
  const auto expected = certs::Certificate::from_pem(domain("a.example").identity->chain_pem).to_der();
  EXPECT_EQ(r.body(), std::string(expected.begin(), expected.end()));
  EXPECT_EQ(header(r, boost::beast::http::field::cache_control), "public, max-age=3600");
  EXPECT_EQ(header(r, boost::beast::http::field::content_length), std::to_string(expected.size()));
  // Not the TLS certificate: the identity one.
  const auto tls_der = certs::Certificate::from_pem(domain("a.example").tls->chain_pem).to_der();
  EXPECT_NE(r.body(), std::string(tls_der.begin(), tls_der.end()));
}

TEST_F(HttpsIdentity, PemIsTheWholeChain) {
  auto c = client();
  const auto r = c.get("/identity/b.example.pem");
  ASSERT_EQ(r.result(), Status::ok) << r.body();
  EXPECT_EQ(header(r, boost::beast::http::field::content_type), "application/pem-certificate-chain");
  const auto served = certs::Certificate::chain_from_pem(r.body());
  const auto stored = certs::Certificate::chain_from_pem(domain("b.example").identity->chain_pem);
  ASSERT_EQ(served.size(), 2u);
  EXPECT_EQ(served, stored);
  EXPECT_EQ(served.back(), pki_.ca());
  EXPECT_EQ(r.body().find("PRIVATE KEY"), std::string::npos);
}

TEST_F(HttpsIdentity, MaxAgeNeverPassesTheCertificatesNotAfter) {
  auto c = client();
  const auto r = c.get("/identity/short.example.cer");
  ASSERT_EQ(r.result(), Status::ok);
  const long age = max_age_of(r);
  EXPECT_GT(age, 500);
  EXPECT_LE(age, 600);
}

TEST_F(HttpsIdentity, DomainIsMatchedWithoutRegardToCase) {
  auto c = client();
  const auto upper = c.get("/identity/A.EXAMPLE.cer");
  const auto lower = c.get("/identity/a.example.cer");
  ASSERT_EQ(upper.result(), Status::ok);
  EXPECT_EQ(upper.body(), lower.body());
}

TEST_F(HttpsIdentity, HeadGivesTheHeadersWithoutTheBody) {
  auto c = client();
  const auto r = c.request(Verb::head, "/identity/a.example.cer");
  ASSERT_EQ(r.result(), Status::ok);
  const auto der = certs::Certificate::from_pem(domain("a.example").identity->chain_pem).to_der();
  EXPECT_EQ(header(r, boost::beast::http::field::content_length), std::to_string(der.size()));
  EXPECT_EQ(header(r, boost::beast::http::field::content_type), "application/pkix-cert");
  EXPECT_TRUE(r.body().empty());
  // The connection is still in step: a GET after the HEAD works.
  EXPECT_EQ(c.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsIdentity, EtagRevalidationIsNotModified) {
  auto c = client();
  const auto first = c.get("/identity/a.example.pem");
  const std::string etag = header(first, boost::beast::http::field::etag);
  ASSERT_FALSE(etag.empty());
  const auto again = c.request(Verb::get, "/identity/a.example.pem", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.result(), Status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(c.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsIdentity, UnknownDomainIsNotFound) {
  auto c = client();
  const auto r = c.get("/identity/nobody.example.cer");
  EXPECT_EQ(r.result(), Status::not_found);
  EXPECT_EQ(header(r, boost::beast::http::field::content_type), "application/json");
  EXPECT_EQ(error_code_of(r), "not_found");
  EXPECT_EQ(c.get("/identity/a.example.der").result(), Status::not_found);
  EXPECT_EQ(c.get("/identity/a.example").result(), Status::not_found);
  EXPECT_EQ(c.get("/identity/").result(), Status::not_found);
}

TEST_F(HttpsIdentity, TraversalAndOddNamesAreRefused) {
  auto c = client();
  for (const char* target : {"/identity/../identity/a.example.cer", "/identity/%2e%2e/a.example.cer",
                             "/identity/..%2fidentity%2fa.example.cer", "/identity/a.example%2f.cer",
                             "/identity/a.example%5c.cer", "/identity/a.example%00.cer", "/identity//a.example.cer",
                             "/identity/a_b.example.cer", "/identity/-a.example.cer", "/identity/a..example.cer"}) {
    const auto r = c.get(target);
    EXPECT_EQ(r.result(), Status::bad_request) << target;
    EXPECT_EQ(error_code_of(r), "bad_request") << target;
  }
  // A sub-path under the domain is no name at all.
  EXPECT_EQ(c.get("/identity/x/a.example.cer").result(), Status::bad_request);
  // Still serving on the same connection.
  EXPECT_EQ(c.get("/identity/a.example.cer").result(), Status::ok);
}

TEST_F(HttpsIdentity, ReloadedDirectoryIsServed) {
  auto c = client();
  ASSERT_EQ(c.get("/identity/new.example.cer").result(), Status::not_found);
  auto more = domains_;
  more.push_back(pki_.domain("new.example"));
  directory_->update(more);
  EXPECT_EQ(c.get("/identity/new.example.cer").result(), Status::ok);
}

TEST_F(HttpsRouting, HealthzIsOk) {
  auto c = client();
  const auto r = c.get("/healthz");
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(header(r, boost::beast::http::field::content_type), "application/json");
  EXPECT_EQ(boost::json::parse(r.body()), boost::json::parse(R"({"status":"ok"})"));
  const auto head = c.request(Verb::head, "/healthz");
  EXPECT_EQ(head.result(), Status::ok);
  EXPECT_TRUE(head.body().empty());
}

TEST_F(HttpsRouting, UnknownPathIsJsonNotFound) {
  auto c = client();
  const auto r = c.get("/nothing/here");
  EXPECT_EQ(r.result(), Status::not_found);
  const auto doc = boost::json::parse(r.body());
  EXPECT_EQ(doc.at("error").at("code").as_string(), "not_found");
  EXPECT_FALSE(doc.at("error").at("message").as_string().empty());
}

TEST_F(HttpsRouting, WrongMethodIsMethodNotAllowedWithAllow) {
  auto c = client();
  const auto r = c.request(Verb::post, "/identity/a.example.cer", "x");
  EXPECT_EQ(r.result(), Status::method_not_allowed);
  EXPECT_EQ(header(r, boost::beast::http::field::allow), "GET, HEAD");
  EXPECT_EQ(error_code_of(r), "method_not_allowed");
  const auto d = c.request(Verb::delete_, "/healthz");
  EXPECT_EQ(d.result(), Status::method_not_allowed);
  const auto g = c.get("/test/echo");
  EXPECT_EQ(g.result(), Status::method_not_allowed);
  EXPECT_EQ(header(g, boost::beast::http::field::allow), "POST");
}

TEST_F(HttpsRouting, BadTargetsAreBadRequests) {
  auto c = client();
  c.write_raw("GET http://a.example/healthz HTTP/1.1\r\nHost: a.example\r\n\r\n");
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::bad_request);
  c.write_raw("GET /a%zz HTTP/1.1\r\nHost: a.example\r\n\r\n");
  r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::bad_request);
}

TEST_F(HttpsRouting, MalformedRequestIsBadRequestAndClosed) {
  auto c = client();
  c.write_raw("GET /healthz HTTP/1.1\r\nHost a.example\r\n\r\n");
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), Status::bad_request);
  EXPECT_EQ(error_code_of(*r), "bad_request");
  EXPECT_TRUE(c.closed_by_peer(3s));
}

TEST_F(HttpsRouting, HandlerMayAnswerLaterFromAnotherThread) {
  auto c = client();
  const auto r = c.get("/test/later");
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(boost::json::parse(r.body()), boost::json::parse(R"({"later":true})"));
  EXPECT_EQ(c.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsRouting, CoroutineHandlerGetsThePrefixRestQueryAndDomain) {
  auto c = client("b.example");
  const auto r = c.get("/test/coro/some/where%20else?x=1&y=%41");
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(r.body(), "rest=some/where else;query=x=1&y=%41;domain=b.example");
}

TEST_F(HttpsRouting, HandlerThatNeverAnswersGives500) {
  auto c = client();
  const auto r = c.get("/test/forgotten");
  EXPECT_EQ(r.result(), Status::internal_server_error);
  EXPECT_EQ(error_code_of(r), "internal_error");
  const auto t = c.get("/test/throws");
  EXPECT_EQ(t.result(), Status::internal_server_error);
  EXPECT_EQ(c.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsRouting, SlowHandlerGives503AfterTheHandlerTimeout) {
  auto c = client();
  const auto start = std::chrono::steady_clock::now();
  const auto r = c.get("/test/held");
  EXPECT_EQ(r.result(), Status::service_unavailable);
  EXPECT_EQ(error_code_of(r), "handler_timeout");
  EXPECT_GE(std::chrono::steady_clock::now() - start, limits_.handler_timeout - 50ms);
  // A late answer changes nothing.
  {
    std::lock_guard lock(held_mutex_);
    ASSERT_EQ(held_.size(), 1u);
    EXPECT_FALSE(held_.front().send(http::make_json_response(Status::ok, "{}")));
  }
  EXPECT_EQ(c.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsRouting, PostBodyIsDeliveredAndExpectContinueHonoured) {
  auto c = client();
  const std::string body(10'000, 'z');
  const auto r = c.request(Verb::post, "/test/echo", body);
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(r.body(), body);

  c.write_raw("POST /test/echo HTTP/1.1\r\nHost: a.example\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  const auto go_on = c.read_response();
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->result(), Status::continue_);
  c.write_raw("hello");
  const auto done = c.read_response();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->result(), Status::ok);
  EXPECT_EQ(done->body(), "hello");
}

TEST_F(HttpsRouting, KeepAliveServesManyRequestsOnOneConnection) {
  const auto before = server_->stats();
  auto c = client();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(c.get("/healthz").result(), Status::ok);
  const auto after = server_->stats();
  EXPECT_EQ(after.connections_accepted - before.connections_accepted, 1u);
  EXPECT_EQ(after.requests - before.requests, 5u);
}

TEST_F(HttpsRouting, ConnectionCloseIsHonoured) {
  auto c = client();
  const auto r = c.request(Verb::get, "/healthz", {}, {{"Connection", "close"}});
  EXPECT_EQ(r.result(), Status::ok);
  EXPECT_FALSE(r.keep_alive());
  EXPECT_TRUE(c.closed_by_peer(3s));
}

TEST_F(HttpsRouting, PipelinedRequestsAreAnsweredInOrder) {
  auto c = client();
  c.write_raw(
      "GET /identity/nobody.example.cer HTTP/1.1\r\nHost: a\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n");
  const auto first = c.read_response();
  const auto second = c.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->result(), Status::not_found);
  EXPECT_EQ(second->result(), Status::ok);
}

TEST_F(HttpsTls, SniPicksTheDomainCertificate) {
  {
    auto c = client("b.example");  // also verifies that the certificate names b.example
    const auto dns = c.server_certificate().san_dns();
    EXPECT_NE(std::find(dns.begin(), dns.end(), "b.example"), dns.end());
    EXPECT_EQ(c.get("/healthz").result(), Status::ok);
  }
  {
    auto c = client("a.example");
    const auto dns = c.server_certificate().san_dns();
    EXPECT_NE(std::find(dns.begin(), dns.end(), "a.example"), dns.end());
  }
  {
    auto c = client();  // no SNI: the default domain
    const auto dns = c.server_certificate().san_dns();
    EXPECT_NE(std::find(dns.begin(), dns.end(), "a.example"), dns.end());
  }
}

TEST_F(HttpsTls, ReloadedContextsServeNewHandshakes) {
  auto old_connection = client();
  ASSERT_EQ(old_connection.get("/healthz").result(), Status::ok);
  set_contexts(domains_, "b.example");
  auto fresh = client();
  const auto dns = fresh.server_certificate().san_dns();
  EXPECT_NE(std::find(dns.begin(), dns.end(), "b.example"), dns.end());
  EXPECT_EQ(fresh.get("/healthz").result(), Status::ok);
  // The connection made before goes on with its own handshake.
  EXPECT_EQ(old_connection.get("/healthz").result(), Status::ok);
}

TEST_F(HttpsTls, ClientTrustingAnotherCaFails) {
  HttpsClientOptions o;
  o.port = port();
  o.ca_pem = TestPki("another CA").ca_pem();
  EXPECT_THROW(HttpsTestClient{o}, std::runtime_error);
  // The server goes on.
  EXPECT_EQ(client().get("/healthz").result(), Status::ok);
}

}  // namespace
}  // namespace credsvc::testing
