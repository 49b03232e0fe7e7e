// The HTTPS code's parts that need no sockets: request targets, the router,
// certificate URLs, the host allow-list, Cache-Control, the certificate
// cache and response bodies.
#include <gtest/gtest.h>

#include "certs/error.hpp"
#include "http/cache_control.hpp"
#include "http/certificate_body.hpp"
#include "http/certificate_cache.hpp"
#include "http/fetch_error.hpp"
#include "http/fetch_url.hpp"
#include "http/host_allow_list.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"
#include "test_pki.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
using http::FetchError;

std::string path_of(std::string_view target) {
  const auto r = http::parse_request_target(target);
  if (const auto* t = std::get_if<http::RequestTarget>(&r)) return t->path;
  return "ERROR: " + std::get<http::TargetError>(r).message;
}

TEST(HttpsRequestTarget, DecodesOnceAndKeepsTheQueryEncoded) {
  const auto r = http::parse_request_target("/a%20b/c?x=%41&y");
  ASSERT_TRUE(std::holds_alternative<http::RequestTarget>(r));
  EXPECT_EQ(std::get<http::RequestTarget>(r).path, "/a b/c");
  EXPECT_EQ(std::get<http::RequestTarget>(r).query, "x=%41&y");
  EXPECT_EQ(path_of("/"), "/");
  EXPECT_EQ(path_of("/identity/"), "/identity/");
  EXPECT_EQ(path_of("/a%252f"), "/a%2f");  // decoded once only
}

TEST(HttpsRequestTarget, RefusesWhatCouldLeadElsewhere) {
  for (const char* t : {"", "*", "http://x/", "a/b", "/a/../b", "/..", "/./a", "/a/%2e%2e/b", "/a%2fb", "/a%2Fb",
                        "/a%5cb", "/a%00b", "/a%0ab", "/a//b", "/a%zz", "/a b"}) {
    EXPECT_EQ(path_of(t).rfind("ERROR: ", 0), 0u) << t;
  }
}

TEST(HttpsRouter, ExactBeatsPrefixAndLongerPrefixBeatsShorter) {
  http::Router router;
  auto tagged = [](int) {
    return http::Handler([](const http::Request&, const http::RequestContext&, http::Responder) {});
  };
  router.add(http::Verb::get, "/a/", http::PathMatch::prefix, tagged(1));
  router.add(http::Verb::get, "/a/b/", http::PathMatch::prefix, tagged(2));
  router.add(http::Verb::get, "/a/b/c", http::PathMatch::exact, tagged(3));
  router.add(http::Verb::post, "/a/b/c", http::PathMatch::exact, tagged(4));

  auto r = router.resolve(http::Verb::get, "/a/b/c");
  EXPECT_EQ(r.kind, http::Router::Resolution::Kind::found);
  EXPECT_EQ(r.path_rest, "");
  r = router.resolve(http::Verb::get, "/a/b/cd");
  EXPECT_EQ(r.kind, http::Router::Resolution::Kind::found);
  EXPECT_EQ(r.path_rest, "cd");
  r = router.resolve(http::Verb::get, "/a/x");
  EXPECT_EQ(r.path_rest, "x");
  r = router.resolve(http::Verb::head, "/a/x");  // HEAD falls back to GET
  EXPECT_EQ(r.kind, http::Router::Resolution::Kind::found);
  r = router.resolve(http::Verb::delete_, "/a/b/c");
  EXPECT_EQ(r.kind, http::Router::Resolution::Kind::method_not_allowed);
  EXPECT_EQ(r.allow, "GET, HEAD, POST");
  EXPECT_EQ(router.resolve(http::Verb::get, "/b").kind, http::Router::Resolution::Kind::not_found);
  EXPECT_EQ(router.resolve(http::Verb::get, "/a").kind, http::Router::Resolution::Kind::not_found);
  EXPECT_THROW(router.add(http::Verb::get, "/a/", http::PathMatch::prefix, tagged(5)), std::invalid_argument);
  EXPECT_THROW(router.add(http::Verb::get, "relative", http::PathMatch::exact, tagged(6)), std::invalid_argument);
}

TEST(HttpsFetchUrl, ParsesHttpsUrls) {
  const auto r = http::parse_fetch_url("HTTPS://Certs.Example.COM/id/a.cer?v=1#frag");
  ASSERT_TRUE(std::holds_alternative<http::FetchUrl>(r));
  const auto& u = std::get<http::FetchUrl>(r);
  EXPECT_EQ(u.host, "certs.example.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/id/a.cer?v=1");
  EXPECT_EQ(u.host_header, "certs.example.com");
  EXPECT_EQ(u.key, "https://certs.example.com:443/id/a.cer?v=1");

  const auto v6 = std::get<http::FetchUrl>(http::parse_fetch_url("https://[::1]:8443"));
  EXPECT_EQ(v6.host, "::1");
  EXPECT_TRUE(v6.host_is_address);
  EXPECT_EQ(v6.port, 8443);
  EXPECT_EQ(v6.target, "/");
  EXPECT_EQ(v6.host_header, "[::1]:8443");
}

TEST(HttpsFetchUrl, RefusesOtherSchemesAndOddUrls) {
  auto error = [](std::string_view url) {
    const auto r = http::parse_fetch_url(url);
    return std::holds_alternative<std::error_code>(r) ? std::get<std::error_code>(r) : std::error_code();
  };
  EXPECT_EQ(error("http://example.com/a.cer"), FetchError::not_https);
  EXPECT_EQ(error("sip:alice@example.com"), FetchError::not_https);
  EXPECT_EQ(error("https:/relative"), FetchError::bad_url);
  EXPECT_EQ(error("https://user:pw@example.com/"), FetchError::bad_url);
  EXPECT_EQ(error("https:///nohost"), FetchError::bad_url);
  EXPECT_EQ(error("https://exa%2fmple.com/"), FetchError::bad_url);
  EXPECT_EQ(error("https://example.com:0/"), FetchError::bad_url);
  EXPECT_EQ(error("not a url"), FetchError::bad_url);
}

TEST(HttpsHostAllowList, ExactWildcardAndNothingByDefault) {
  const http::HostAllowList list({"Certs.Example.com", "*.example.net", "[::1]", "192.0.2.1"});
  EXPECT_TRUE(list.allows("certs.example.com"));
  EXPECT_FALSE(list.allows("other.example.com"));
  EXPECT_TRUE(list.allows("a.example.net"));
  EXPECT_TRUE(list.allows("a.b.example.net"));
  EXPECT_FALSE(list.allows("example.net"));
  EXPECT_FALSE(list.allows("badexample.net"));
  EXPECT_TRUE(list.allows("::1"));
  EXPECT_TRUE(list.allows("192.0.2.1"));
  EXPECT_FALSE(http::HostAllowList().allows("example.com"));
  EXPECT_TRUE(http::HostAllowList({}, true).allows("example.com"));
}

TEST(HttpsCacheControl, ReadsTheDirectivesThatBoundCaching) {
  auto d = http::parse_cache_control("public, max-age=600");
  EXPECT_EQ(d.max_age, 600s);
  EXPECT_FALSE(d.no_store);
  d = http::parse_cache_control("No-Store");
  EXPECT_TRUE(d.no_store);
  d = http::parse_cache_control("private=\"a, b\", no-cache, max-age=\"60\"");
  EXPECT_TRUE(d.no_cache);
  EXPECT_EQ(d.max_age, 60s);
  d = http::parse_cache_control("max-age=100, max-age=50");
  EXPECT_EQ(d.max_age, 50s);
  d = http::parse_cache_control("max-age=abc");
  EXPECT_EQ(d.max_age, 0s);
  d = http::parse_cache_control("");
  EXPECT_FALSE(d.max_age);
}

TEST(HttpsCertificateCache, EvictsTheLeastRecentlyUsedAndDropsExpiredEntries) {
  const TestPki pki;
  const auto chain = std::make_shared<const std::vector<certs::Certificate>>(std::vector{pki.ca()});
  const auto now = std::chrono::system_clock::now();
  http::CertificateCache cache(2);
  cache.put("a", chain, now + 1h, now);
  cache.put("b", chain, now + 1h, now);
  EXPECT_TRUE(cache.get("a", now));  // a is now the most recent
  cache.put("c", chain, now + 1h, now);
  EXPECT_FALSE(cache.get("b", now));
  EXPECT_TRUE(cache.get("a", now));
  EXPECT_TRUE(cache.get("c", now));
  EXPECT_FALSE(cache.get("c", now + 2h));  // expired, and dropped
  EXPECT_EQ(cache.size(), 1u);
  cache.put("d", chain, now, now);  // already expired: not kept
  EXPECT_FALSE(cache.get("d", now));
  http::CertificateCache none(0);
  none.put("a", chain, now + 1h, now);
  EXPECT_EQ(none.size(), 0u);
}

TEST(HttpsCertificateBody, ParsesDerAndPemByTypeOrContent) {
  const TestPki pki;
  const auto domain = pki.domain("x.example");
  const auto chain = certs::Certificate::chain_from_pem(domain.identity->chain_pem);
  const auto der = chain.front().to_der();
  const std::string der_text(der.begin(), der.end());

  EXPECT_EQ(http::parse_certificate_body("application/pkix-cert", der_text), std::vector{chain.front()});
  EXPECT_EQ(http::parse_certificate_body("application/pem-certificate-chain; charset=utf-8",
                                         domain.identity->chain_pem),
            chain);
  EXPECT_EQ(http::parse_certificate_body("", domain.identity->chain_pem), chain);
  EXPECT_EQ(http::parse_certificate_body("application/octet-stream", der_text), std::vector{chain.front()});
  EXPECT_THROW(http::parse_certificate_body("application/pkix-cert", domain.identity->chain_pem), certs::Error);
  EXPECT_THROW(http::parse_certificate_body("application/pem-certificate-chain", der_text), certs::Error);
  EXPECT_THROW(http::parse_certificate_body("application/pkix-cert", ""), certs::Error);
  EXPECT_THROW(http::parse_certificate_body("application/pkix-cert", der_text + "x"), certs::Error);
}

TEST(HttpsFetchError, MessagesNameTheCause) {
  EXPECT_STREQ(http::fetch_category().name(), "credsvc.fetch");
  EXPECT_NE(std::error_code(FetchError::host_not_allowed).message().find("allow-list"), std::string::npos);
  EXPECT_NE(std::error_code(FetchError::too_large).message().find("size limit"), std::string::npos);
  EXPECT_EQ(http::make_http_status_error(503).message(), "certificate server answered 503 Service Unavailable");
  EXPECT_EQ(http::http_status_of(http::make_http_status_error(503)), 503u);
  EXPECT_FALSE(http::http_status_of(FetchError::timeout));
}

}  // namespace
}  // namespace credsvc::testing
