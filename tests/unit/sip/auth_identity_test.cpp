#include <gtest/gtest.h>

#include "sip/auth_headers.hpp"
#include "sip/identity_headers.hpp"
#include "sip/parser.hpp"

namespace credsvc::sip {
namespace {

TEST(SipAuth, DigestCredentials) {
  auto h = parse_auth_header(
      "Digest username=\"bob\", realm=\"biloxi.com\",\r\n nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
      "uri=\"sips:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
      "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", "
      "algorithm=SHA-256, userhash=false");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_TRUE(h->is_digest());
  auto d = digest_params(*h);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->username, "bob");
  EXPECT_EQ(d->realm, "biloxi.com");
  EXPECT_EQ(d->nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
  EXPECT_EQ(d->uri, "sips:bob@biloxi.com");
  EXPECT_EQ(d->qop, "auth");
  EXPECT_EQ(d->nc, "00000001");
  EXPECT_EQ(d->cnonce, "0a4f113b");
  EXPECT_EQ(d->response, "6629fae49393a05397450978507c4ef1");
  EXPECT_EQ(d->opaque, "5ccc069c403ebaf9f0171e9517f40e41");
  EXPECT_EQ(d->algorithm, "SHA-256");
  EXPECT_EQ(d->userhash, false);
  // The canonical form re-parses to the same parameters.
  auto again = parse_auth_header(to_string(*h));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->params, h->params);
}

TEST(SipAuth, DigestChallengeWithCommasInQuotes) {
  auto h = parse_auth_header(
      "DIGEST realm=\"a, b\\\"c\", qop=\"auth,auth-int\", nonce=\"n\", stale=TRUE, algorithm=MD5, "
      "domain=\"sip:ss1.carrier.com\"");
  ASSERT_TRUE(h.ok()) << h.error();
  auto d = digest_params(*h);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->realm, "a, b\"c");
  EXPECT_EQ(d->qop_options, (std::vector<std::string>{"auth", "auth-int"}));
  EXPECT_EQ(d->stale, true);
  EXPECT_EQ(d->domain, "sip:ss1.carrier.com");
  EXPECT_EQ(to_string(*h),
            "DIGEST realm=\"a, b\\\"c\", qop=\"auth,auth-int\", nonce=\"n\", stale=TRUE, algorithm=MD5, "
            "domain=\"sip:ss1.carrier.com\"");
}

TEST(SipAuth, Rejections) {
  for (std::string_view bad : {"", "Digest realm", "Digest realm=", "Digest realm=\"x", "Digest a=1,,b=2",
                               "Digest a=1, a=2", "Digest a=1 b=2", "Digest uri=sip:x"}) {
    EXPECT_FALSE(parse_auth_header(bad).ok()) << bad;
  }
  EXPECT_FALSE(digest_params(*parse_auth_header("Digest nc=0001")).ok());
  EXPECT_FALSE(digest_params(*parse_auth_header("Digest nc=0000000g")).ok());
  EXPECT_FALSE(digest_params(*parse_auth_header("Digest stale=maybe")).ok());
  EXPECT_FALSE(digest_params(*parse_auth_header("Digest userhash=1")).ok());
  EXPECT_TRUE(parse_auth_header("Basic").ok());
}

TEST(SipAuth, MessageAccessorsKeepEachLine) {
  const auto r = parse_message(
      "SIP/2.0 401 Unauthorized\r\n"
      "Via: SIP/2.0/TLS client.example.com;branch=z9hG4bK1\r\n"
      "From: <sips:a@example.com>;tag=1\r\nTo: <sips:a@example.com>;tag=2\r\n"
      "Call-ID: c1\r\nCSeq: 1 PUBLISH\r\n"
      "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"\r\n"
      "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"n2\", algorithm=MD5, qop=\"auth\"\r\n"
      "Proxy-Authenticate: Digest realm=\"p\", nonce=\"n3\"\r\n"
      "Content-Length: 0\r\n\r\n");
  ASSERT_TRUE(r.ok()) << r.reason;
  const auto www = r.msg.www_authenticate();
  ASSERT_TRUE(www.ok());
  ASSERT_EQ(www->size(), 2u);
  EXPECT_EQ(digest_params((*www)[1])->algorithm, "MD5");
  EXPECT_EQ(r.msg.proxy_authenticate()->at(0).params.value("realm"), "p");
  EXPECT_EQ(r.msg.list(HeaderId::WwwAuthenticate).size(), 2u);  // commas are not separators here
}

TEST(SipIdentity, Rfc4474QuotedForm) {
  auto h = parse_identity(
      "\"ZYNBbHC00VMZr2kZt6VmCvPonWJMGvQTBDqghoWeLxJfzB2a1pxAr3VgrB0SsSAa\r\n"
      "   ifsRdiOPoQZYOy2wrVghuhcsMbHWUSFxI6p6q5TOQXHMmz6uEo3svJsSH49thyGn\r\n"
      "   FVcnyaZ++yRlBYYQTLqWzJ+KVhPKbfU/pryhVn9Yc6U=\"");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->form, IdentityForm::Rfc4474);
  EXPECT_EQ(h->signature.size(), 172u);
  EXPECT_TRUE(h->signature.ends_with("Yc6U="));
  EXPECT_EQ(h->signature.find(' '), std::string::npos);
  EXPECT_EQ(to_string(*h), "\"" + h->signature + "\"");
  EXPECT_FALSE(parse_identity("\"abc$\"").ok());
  EXPECT_FALSE(parse_identity("\"\"").ok());
  EXPECT_FALSE(parse_identity("\"abc\" x").ok());
}

TEST(SipIdentity, Rfc8224Form) {
  auto h = parse_identity(
      "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJhdHRlc3QiOiJBIn0.sig-_nature;"
      "info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=\"shaken\"");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->form, IdentityForm::Rfc8224);
  EXPECT_EQ(h->signature, "eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0In0.eyJhdHRlc3QiOiJBIn0.sig-_nature");
  EXPECT_EQ(h->info, "https://cert.example.org/passport.cer");
  EXPECT_EQ(h->alg(), "ES256");
  EXPECT_EQ(h->ppt(), "shaken");
  auto again = parse_identity(to_string(*h));
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->info, h->info);
  EXPECT_EQ(again->params, h->params);
  EXPECT_FALSE(parse_identity("a.b.c;info=https://x").ok());
  EXPECT_FALSE(parse_identity("a.b.c;info=<not a uri>").ok());
  EXPECT_FALSE(parse_identity("a.b.c;alg=ES256").ok());  // params need info
  EXPECT_FALSE(parse_identity("a.b.c;info=<https://x>;info=<https://y>").ok());
  EXPECT_FALSE(parse_identity("").ok());
}

TEST(SipIdentity, IdentityInfo) {
  auto h = parse_identity_info(" <https://atlanta.example.com/atlanta.cer> ; alg=rsa-sha256");
  ASSERT_TRUE(h.ok()) << h.error();
  EXPECT_EQ(h->uri, "https://atlanta.example.com/atlanta.cer");
  EXPECT_EQ(h->alg(), "rsa-sha256");
  EXPECT_EQ(to_string(*h), "<https://atlanta.example.com/atlanta.cer>;alg=rsa-sha256");
  EXPECT_FALSE(parse_identity_info("https://x").ok());
  EXPECT_FALSE(parse_identity_info("<https://x").ok());
  EXPECT_FALSE(parse_identity_info("<https://x> junk").ok());
}

TEST(SipIdentity, MessageAccessors) {
  const auto r = parse_message(
      "NOTIFY sips:alice@client.example.com SIP/2.0\r\n"
      "Via: SIP/2.0/TLS server.example.com;branch=z9hG4bKn1\r\n"
      "Max-Forwards: 70\r\nFrom: <sips:bob@example.com>;tag=a\r\nTo: <sips:alice@example.com>;tag=b\r\n"
      "Call-ID: n1\r\nCSeq: 2 NOTIFY\r\nDate: Thu, 21 Feb 2002 13:02:03 GMT\r\n"
      "y: \"c2lnbmF0dXJl\"\r\n"
      "n: <https://example.com/cert>;alg=rsa-sha256\r\n"
      "Content-Length: 0\r\n\r\n");
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.identity().value()->signature, "c2lnbmF0dXJl");
  EXPECT_EQ(r.msg.identity_info().value()->alg(), "rsa-sha256");
  EXPECT_TRUE(r.msg.date().value().has_value());
}

}  // namespace
}  // namespace credsvc::sip
