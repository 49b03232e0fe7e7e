// RFC 4474 signing (Rfc4474Signer) and verification (Rfc4474Verifier): round
// trips, an independent OpenSSL check of the signature, and every failure on
// its own.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "identity/base64.hpp"
#include "identity/https_url.hpp"
#include "identity/rfc4474_signer.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "sip/date_header.hpp"
#include "test_support.hpp"

namespace credsvc::identity {
namespace {

using namespace test;

const std::string kInfoUrl = "https://certs.example.com/identity/example.com.cer";

std::string b64(const std::string& bytes) {
  return base64_encode(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

class IdentityRfc4474 : public ::testing::Test {
 protected:
  static const certs::Certificate& domain_cert() {
    static const certs::Certificate cert = issue_leaf(rsa2048_key(), {"example.com"});
    return cert;
  }
  static const Rfc4474Signer& signer() {
    static const Rfc4474Signer s(rsa2048_key(), kInfoUrl);
    return s;
  }
  static Rfc4474VerifyOptions options() {
    Rfc4474VerifyOptions o;
    o.allowed_info_hosts = {"certs.example.com"};
    o.trust_anchors = {root_ca().cert};
    return o;
  }

  VerifyResult verify(const std::string& wire, std::vector<certs::Certificate> chain,
                      Clock::time_point now) {
    return verifier_.verify(parse(wire), chain, now);
  }
  VerifyResult verify(const std::string& wire) { return verify(wire, {domain_cert()}, spec_.now); }

  void expect_failure(const VerifyResult& r, Failure f, int status, std::string_view reason) {
    EXPECT_EQ(r.failure, f) << to_string(r.failure) << ": " << r.detail;
    EXPECT_EQ(r.status(), status);
    EXPECT_EQ(r.reason(), reason);
    EXPECT_FALSE(r.detail.empty());
  }

  NotifySpec spec_;
  Rfc4474Verifier verifier_{options()};
};

TEST_F(IdentityRfc4474, SignVerifyRoundTrip) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const VerifyResult r = verify(n.wire);
  EXPECT_TRUE(r.ok()) << to_string(r.failure) << ": " << r.detail;
  ASSERT_TRUE(r.signer.has_value());
  EXPECT_EQ(*r.signer, domain_cert());
}

TEST_F(IdentityRfc4474, HeaderValuesHaveRfc4474Form) {
  const SignedNotify n = signed_notify(signer(), spec_);
  EXPECT_EQ(n.headers.identity_info, "<" + kInfoUrl + ">;alg=rsa-sha256");
  // "base64" of a 2048-bit signature: 256 bytes -> 344 characters.
  ASSERT_EQ(n.headers.identity.size(), 346u);
  EXPECT_EQ(n.headers.identity.front(), '"');
  EXPECT_EQ(n.headers.identity.back(), '"');
  const auto raw = base64_decode(n.headers.identity.substr(1, 344));
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 256u);
  EXPECT_TRUE(n.headers.date_added);
  EXPECT_EQ(n.headers.date, sip::format_date(spec_.now));
}

TEST_F(IdentityRfc4474, SignatureCheckedIndependentlyWithOpenssl) {
  spec_.date = "Sat, 13 Nov 2010 23:29:00 GMT";
  const SignedNotify n = signed_notify(signer(), spec_);
  EXPECT_FALSE(n.headers.date_added);
  // The digest-string written out by hand from the spec's values.
  const std::string digest = "sip:alice@example.com|sip:bob@example.org|a84b4c76e66710@pc33.example.com|"
                             "314159 NOTIFY|Sat, 13 Nov 2010 23:29:00 GMT|"
                             "sip:credsvc@svc.example.com;transport=tls|" +
                             spec_.body;
  const auto sig = base64_decode(n.headers.identity.substr(1, n.headers.identity.size() - 2));
  ASSERT_TRUE(sig.has_value());
  EXPECT_TRUE(openssl_verify(domain_cert(), "SHA256", digest, *sig));
  EXPECT_FALSE(openssl_verify(domain_cert(), "SHA256", digest + "x", *sig));
  // PKCS#1 v1.5 is deterministic: OpenSSL's own signature is the same bytes.
  EXPECT_EQ(*sig, openssl_sign(rsa2048_key(), "SHA256", digest));
}

TEST_F(IdentityRfc4474, SigningAParsedRequestMatchesSigningItsParts) {
  spec_.date = sip::format_date(spec_.now);
  const SignedNotify n = signed_notify(signer(), spec_);
  const auto again = signer().sign(parse(n.wire));
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->identity, n.headers.identity);
  EXPECT_EQ(again->date, *spec_.date);
}

TEST_F(IdentityRfc4474, DisplayNamesParamsAndNoContact) {
  spec_.from = "Alice <sip:alice@example.com;transport=tls>;tag=x1;foo=\"b;a,r\"";
  spec_.from_uri = "sip:alice@example.com;transport=tls";
  spec_.to = "sip:bob@example.org;tag=zz";
  spec_.to_uri = "sip:bob@example.org";
  spec_.contact.reset();
  const SignedNotify n = signed_notify(signer(), spec_);
  const VerifyResult r = verify(n.wire);
  EXPECT_TRUE(r.ok()) << to_string(r.failure) << ": " << r.detail;
}

TEST_F(IdentityRfc4474, CompactHeaderFormsVerify) {
  const SignedNotify n = signed_notify(signer(), spec_);
  std::string wire = replace_once(n.wire, "\r\nFrom:", "\r\nf:");
  wire = replace_once(wire, "\r\nTo:", "\r\nt:");
  wire = replace_once(wire, "\r\nCall-ID:", "\r\ni:");
  wire = replace_once(wire, "\r\nContact:", "\r\nm:");
  wire = replace_once(wire, "\r\nIdentity:", "\r\ny:");
  wire = replace_once(wire, "\r\nIdentity-Info:", "\r\nn:");
  const VerifyResult r = verify(wire);
  EXPECT_TRUE(r.ok()) << to_string(r.failure) << ": " << r.detail;
}

TEST_F(IdentityRfc4474, RsaSha1IsAcceptedOnVerification) {
  // An old peer's rsa-sha1 signature, made with OpenSSL directly.
  spec_.date = sip::format_date(spec_.now);
  const std::string unsigned_wire = unsigned_notify(spec_, *spec_.date, {});
  const auto digest = digest_string(parse(unsigned_wire));
  ASSERT_TRUE(digest.ok());
  const std::string identity = "\"" + b64(openssl_sign(rsa2048_key(), "SHA1", *digest)) + "\"";
  const std::string wire = unsigned_notify(
      spec_, *spec_.date, {"Identity: " + identity, "Identity-Info: <" + kInfoUrl + ">;alg=rsa-sha1"});
  EXPECT_TRUE(verify(wire).ok());

  // RFC 4474 §9: no alg parameter means rsa-sha1 (a fresh verifier: the
  // first one has already seen this Call-ID and CSeq).
  const std::string no_alg =
      unsigned_notify(spec_, *spec_.date, {"Identity: " + identity, "Identity-Info: <" + kInfoUrl + ">"});
  const Rfc4474Verifier fresh(options());
  const VerifyResult r = fresh.verify(parse(no_alg), std::vector{domain_cert()}, spec_.now);
  EXPECT_TRUE(r.ok()) << r.detail;

  // The same signature labelled rsa-sha256 does not verify.
  const std::string mislabelled = unsigned_notify(
      spec_, *spec_.date, {"Identity: " + identity, "Identity-Info: <" + kInfoUrl + ">;alg=rsa-sha256"});
  expect_failure(verify(mislabelled), Failure::bad_signature, 438, "Invalid Identity Header");
}

TEST_F(IdentityRfc4474, RsaSha1SignerForOldPeers) {
  const Rfc4474Signer sha1(rsa2048_key(), kInfoUrl, Rfc4474Algorithm::rsa_sha1);
  const SignedNotify n = signed_notify(sha1, spec_);
  EXPECT_EQ(n.headers.identity_info, "<" + kInfoUrl + ">;alg=rsa-sha1");
  EXPECT_TRUE(verify(n.wire).ok());
}

TEST_F(IdentityRfc4474, RsaSha1RefusedWhenConfigured) {
  Rfc4474VerifyOptions o = options();
  o.accept_rsa_sha1 = false;
  const Rfc4474Verifier strict(o);
  const Rfc4474Signer sha1(rsa2048_key(), kInfoUrl, Rfc4474Algorithm::rsa_sha1);
  const VerifyResult r = strict.verify(parse(signed_notify(sha1, spec_).wire), std::vector{domain_cert()}, spec_.now);
  expect_failure(r, Failure::unsupported_algorithm, 437, "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, MissingIdentity) {
  spec_.date = sip::format_date(spec_.now);
  const std::string wire = unsigned_notify(spec_, *spec_.date, {"Identity-Info: <" + kInfoUrl + ">;alg=rsa-sha256"});
  expect_failure(verify(wire), Failure::missing_identity, 428, "Use Identity Header");
}

TEST_F(IdentityRfc4474, IdentityNotBase64) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, n.headers.identity, "\"abc*def\"");
  expect_failure(verify(wire), Failure::malformed_identity, 438, "Invalid Identity Header");
  const std::string bad_padding = replace_once(n.wire, n.headers.identity, "\"abcde=\"");
  expect_failure(verify(bad_padding), Failure::bad_base64, 438, "Invalid Identity Header");
}

TEST_F(IdentityRfc4474, MissingIdentityInfo) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, "Identity-Info: " + n.headers.identity_info + "\r\n", "");
  expect_failure(verify(wire), Failure::missing_identity_info, 436, "Bad Identity-Info");
}

TEST_F(IdentityRfc4474, MalformedIdentityInfo) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, n.headers.identity_info, kInfoUrl + ";alg=rsa-sha256");
  expect_failure(verify(wire), Failure::malformed_identity_info, 436, "Bad Identity-Info");
  const std::string userinfo =
      replace_once(n.wire, kInfoUrl, "https://certs.example.com@evil.example.net/identity/example.com.cer");
  expect_failure(verify(userinfo), Failure::malformed_identity_info, 436, "Bad Identity-Info");
}

TEST_F(IdentityRfc4474, NonHttpsIdentityInfo) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, kInfoUrl, "http://certs.example.com/identity/example.com.cer");
  expect_failure(verify(wire), Failure::non_https_info, 436, "Bad Identity-Info");
  const std::string cid = replace_once(n.wire, kInfoUrl, "cid:1234@example.com");
  expect_failure(verify(cid), Failure::non_https_info, 436, "Bad Identity-Info");
}

TEST_F(IdentityRfc4474, IdentityInfoHostNotAllowed) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, kInfoUrl, "https://evil.example.net/identity/example.com.cer");
  expect_failure(verify(wire), Failure::info_host_not_allowed, 436, "Bad Identity-Info");
  // Host comparison ignores case; a port does not change the host.
  const std::string upper = replace_once(n.wire, kInfoUrl, "https://CERTS.Example.COM:8443/identity/example.com.cer");
  EXPECT_TRUE(verify(upper).ok());
}

TEST_F(IdentityRfc4474, AnyHostOnlyWhenAskedFor) {
  Rfc4474VerifyOptions o = options();
  o.allowed_info_hosts.clear();
  EXPECT_THROW(Rfc4474Verifier{o}, std::invalid_argument);
  o.allow_any_info_host = true;
  const Rfc4474Verifier any(o);
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, kInfoUrl, "https://elsewhere.example.net/c.cer");
  EXPECT_TRUE(any.verify(parse(wire), std::vector{domain_cert()}, spec_.now).ok());
  Rfc4474VerifyOptions no_anchors = options();
  no_anchors.trust_anchors.clear();
  EXPECT_THROW(Rfc4474Verifier{no_anchors}, std::invalid_argument);
}

TEST_F(IdentityRfc4474, UnsupportedAlgorithm) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, "alg=rsa-sha256", "alg=dsa-sha1");
  expect_failure(verify(wire), Failure::unsupported_algorithm, 437, "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, ChainNotTrusted) {
  const certs::Certificate stranger = issue_leaf(rsa2048_key(), {"example.com"}, {}, other_root_ca());
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {stranger}, spec_.now), Failure::untrusted_certificate, 437,
                 "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, ExpiredCertificateNotTrusted) {
  const certs::Certificate old =
      issue_leaf(rsa2048_key(), {"example.com"}, {}, root_ca(), Clock::now() - 48h, Clock::now() - 24h);
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {old}, spec_.now), Failure::untrusted_certificate, 437, "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, NoCertificateFetched) {
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {}, spec_.now), Failure::certificate_unavailable, 436, "Bad Identity-Info");
}

TEST_F(IdentityRfc4474, CertificateForAnotherDomain) {
  const certs::Certificate other = issue_leaf(rsa2048_key(), {"example.net"});
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {other}, spec_.now), Failure::certificate_domain_mismatch, 437,
                 "Unsupported Certificate");
  // A user's certificate does not speak for the domain.
  const certs::Certificate user = issue_leaf(rsa2048_key(), {}, {"sip:alice@example.com"});
  expect_failure(verify(n.wire, {user}, spec_.now), Failure::certificate_domain_mismatch, 437,
                 "Unsupported Certificate");
  // A SAN URI naming the domain does.
  const certs::Certificate by_uri = issue_leaf(rsa2048_key(), {}, {"sip:example.com"});
  EXPECT_TRUE(verify(n.wire, {by_uri}, spec_.now).ok());
}

TEST_F(IdentityRfc4474, WrongKeyInCertificate) {
  const certs::Certificate other_key = issue_leaf(rsa2048_other_key(), {"example.com"});
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {other_key}, spec_.now), Failure::bad_signature, 438, "Invalid Identity Header");
  const certs::Certificate ec = issue_leaf(p256_key(), {"example.com"});
  expect_failure(verify(n.wire, {ec}, spec_.now), Failure::unsupported_key, 437, "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, StaleDate) {
  spec_.now = Clock::now() - 700s;
  const SignedNotify n = signed_notify(signer(), spec_);
  const VerifyResult r = verify(n.wire, {domain_cert()}, Clock::now());
  expect_failure(r, Failure::stale_date, 403, "Stale Date");
  // Too far ahead is stale as well.
  spec_.now = Clock::now() + 700s;
  expect_failure(verify(signed_notify(signer(), spec_).wire, {domain_cert()}, Clock::now()), Failure::stale_date,
                 403, "Stale Date");
  // Within the window it is fine.
  spec_.now = Clock::now() - 500s;
  EXPECT_TRUE(verify(signed_notify(signer(), spec_).wire, {domain_cert()}, Clock::now()).ok());
}

TEST_F(IdentityRfc4474, MissingDate) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, "Date: " + n.headers.date + "\r\n", "");
  expect_failure(verify(wire), Failure::missing_date, 403, "Stale Date");
}

TEST_F(IdentityRfc4474, DateOutsideCertificateValidity) {
  const certs::Certificate young =
      issue_leaf(rsa2048_key(), {"example.com"}, {}, root_ca(), Clock::now() - 60s, Clock::now() + 24h);
  spec_.now = Clock::now() - 300s;  // before the certificate's notBefore
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(n.wire, {young}, Clock::now()), Failure::date_outside_certificate, 437,
                 "Unsupported Certificate");
}

TEST_F(IdentityRfc4474, TamperedBody) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, "binary", "BINARY");
  expect_failure(verify(wire), Failure::bad_signature, 438, "Invalid Identity Header");
}

TEST_F(IdentityRfc4474, TamperedFrom) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string wire = replace_once(n.wire, "sip:alice@example.com", "sip:mallory@example.com");
  expect_failure(verify(wire), Failure::bad_signature, 438, "Invalid Identity Header");
  // The display name is not signed (RFC 4474 §9 takes only the addr-spec).
  const std::string display = replace_once(n.wire, "\"Alice Example\"", "\"Someone Else\"");
  EXPECT_TRUE(verify(display).ok());
}

TEST_F(IdentityRfc4474, TamperedContactAndCseq) {
  const SignedNotify n = signed_notify(signer(), spec_);
  expect_failure(verify(replace_once(n.wire, "sip:credsvc@svc", "sip:mallory@svc")), Failure::bad_signature, 438,
                 "Invalid Identity Header");
  expect_failure(verify(replace_once(n.wire, "CSeq: 314159", "CSeq: 314160")), Failure::bad_signature, 438,
                 "Invalid Identity Header");
}

TEST_F(IdentityRfc4474, Replay) {
  const SignedNotify n = signed_notify(signer(), spec_);
  EXPECT_TRUE(verify(n.wire).ok());
  expect_failure(verify(n.wire), Failure::replay, 403, "Replayed Request");
  // The next request of the dialog is not a replay.
  spec_.cseq += 1;
  EXPECT_TRUE(verify(signed_notify(signer(), spec_).wire).ok());
  // After the window has passed, the cache forgets (the Date check catches it instead).
  const VerifyResult later = verify(n.wire, {domain_cert()}, spec_.now + 601s);
  EXPECT_EQ(later.failure, Failure::stale_date);
}

TEST_F(IdentityRfc4474, FailedVerificationIsNotRecordedForReplay) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const std::string forged = replace_once(n.wire, "binary", "BINARY");
  EXPECT_EQ(verify(forged).failure, Failure::bad_signature);
  EXPECT_TRUE(verify(n.wire).ok());
}

TEST_F(IdentityRfc4474, VerifyAsyncThroughFetch) {
  const SignedNotify n = signed_notify(signer(), spec_);
  std::string fetched_url;
  const CertificateFetch fetch = [&](const std::string& url, CertificateFetchDone done) {
    fetched_url = url;
    done({}, std::make_shared<const std::vector<certs::Certificate>>(std::vector{domain_cert()}));
  };
  std::optional<VerifyResult> got;
  verifier_.verify_async(parse(n.wire), spec_.now, fetch, [&](VerifyResult r) { got = std::move(r); });
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->ok()) << got->detail;
  EXPECT_EQ(fetched_url, kInfoUrl);

  const CertificateFetch failing = [](const std::string&, CertificateFetchDone done) {
    done(std::make_error_code(std::errc::connection_refused), nullptr);
  };
  spec_.cseq += 1;
  got.reset();
  verifier_.verify_async(parse(signed_notify(signer(), spec_).wire), spec_.now, failing,
                         [&](VerifyResult r) { got = std::move(r); });
  ASSERT_TRUE(got.has_value());
  expect_failure(*got, Failure::certificate_unavailable, 436, "Bad Identity-Info");

  // A precheck failure answers without fetching.
  bool called = false;
  const CertificateFetch never = [&](const std::string&, CertificateFetchDone) { called = true; };
  got.reset();
  const std::string http = replace_once(n.wire, kInfoUrl, "http://certs.example.com/x.cer");
  verifier_.verify_async(parse(http), spec_.now, never, [&](VerifyResult r) { got = std::move(r); });
  ASSERT_TRUE(got.has_value());
  EXPECT_FALSE(called);
  EXPECT_EQ(got->failure, Failure::non_https_info);
}

TEST_F(IdentityRfc4474, PrecheckGivesTheUrlToFetch) {
  const SignedNotify n = signed_notify(signer(), spec_);
  const auto pre = verifier_.precheck(parse(n.wire), spec_.now);
  ASSERT_TRUE(pre.ok()) << pre.problem().detail;
  EXPECT_EQ(pre->url, kInfoUrl);
  EXPECT_EQ(pre->parsed_url.host, "certs.example.com");
  EXPECT_EQ(pre->alg, Rfc4474Algorithm::rsa_sha256);
}

TEST_F(IdentityRfc4474, SignerRejectsWeakOrWrongKeysAndBadUrls) {
  EXPECT_THROW(Rfc4474Signer(certs::PrivateKey::generate_rsa(1024), kInfoUrl), std::invalid_argument);
  EXPECT_THROW(Rfc4474Signer(p256_key(), kInfoUrl), std::invalid_argument);
  EXPECT_THROW(Rfc4474Signer(rsa2048_key(), "http://certs.example.com/x.cer"), std::invalid_argument);
  EXPECT_THROW(Rfc4474Signer(rsa2048_key(), "https://certs.example.com/x>.cer"), std::invalid_argument);
}

TEST_F(IdentityRfc4474, ConcurrentSigningFromSeveralThreads) {
  spec_.date = sip::format_date(spec_.now);
  const std::string expected = signed_notify(signer(), spec_).headers.identity;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (signed_notify(signer(), spec_).headers.identity != expected) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_TRUE(verify(signed_notify(signer(), spec_).wire).ok());
}

TEST(IdentityUrl, IdentityCertificateUrlAndParsing) {
  EXPECT_EQ(identity_certificate_url("certs.example.com", std::nullopt, "example.com"),
            "https://certs.example.com/identity/example.com.cer");
  EXPECT_EQ(identity_certificate_url("certs.example.com", 8443, "example.com"),
            "https://certs.example.com:8443/identity/example.com.cer");
  const auto u = parse_https_url("HTTPS://Certs.Example.com:8443/identity/example.com.cer?x=1");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "certs.example.com");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/identity/example.com.cer?x=1");
  const auto v6 = parse_https_url("https://[2001:db8::1]:443");
  ASSERT_TRUE(v6.ok()) << v6.error();
  EXPECT_EQ(v6->host, "[2001:db8::1]");
  EXPECT_EQ(v6->path, "/");
  EXPECT_FALSE(parse_https_url("http://a.example/"));
  EXPECT_FALSE(parse_https_url("https://"));
  EXPECT_FALSE(parse_https_url("https://a.example:0/"));
  EXPECT_FALSE(parse_https_url("https://a.example:65536/"));
  EXPECT_FALSE(parse_https_url("https://a.example:/"));
  EXPECT_FALSE(parse_https_url("https://u@a.example/"));
  EXPECT_FALSE(parse_https_url("https://a.example/x#frag"));
  EXPECT_FALSE(parse_https_url("https://a.example/x y"));
  EXPECT_FALSE(parse_https_url("https://a_b.example/"));
}

}  // namespace
}  // namespace credsvc::identity
