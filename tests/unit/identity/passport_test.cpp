// PASSporT (RFC 8225) with SHAKEN (RFC 8588) in RFC 8224 Identity headers:
// canonical form byte for byte, ES256 signatures, verification and every
// malformed input with its precise error.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "identity/base64.hpp"
#include "identity/passport_jws.hpp"
#include "identity/passport_request.hpp"
#include "identity/passport_signer.hpp"
#include "identity/passport_verifier.hpp"
#include "sip/date_header.hpp"
#include "test_support.hpp"

namespace credsvc::identity {
namespace {

using namespace test;

const std::string kX5u = "https://cert.example.org/passport.pem";
const std::string kOrigId = "123e4567-e89b-12d3-a456-426655440000";

std::int64_t epoch_seconds(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

PassportClaims shaken_claims(std::int64_t iat) {
  PassportClaims c;
  c.orig.tn = "12025551212";
  c.dest.tn = {"12025551213"};
  c.iat = iat;
  c.attest = "A";
  c.origid = kOrigId;
  return c;
}

std::vector<std::string> split_dots(const std::string& jws) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = jws.find('.', start);
    parts.push_back(jws.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

class PassportTest : public ::testing::Test {
 protected:
  static const certs::Certificate& stir_cert() {
    static const certs::Certificate cert = issue_leaf(p256_key(), {"cert.example.org"});
    return cert;
  }
  static const PassportSigner& signer() {
    static const PassportSigner s(p256_key(), kX5u);
    return s;
  }
  static PassportVerifyOptions options() {
    PassportVerifyOptions o;
    o.allowed_x5u_hosts = {"cert.example.org"};
    o.trust_anchors = {root_ca().cert};
    return o;
  }

  // A PASSporT made from raw JSON texts, signed with OpenSSL directly, so
  // malformed content still carries a genuine signature.
  static std::string raw_jws(const std::string& header, const std::string& payload,
                             const certs::PrivateKey& key = p256_key()) {
    const std::string input = b64url(header) + "." + b64url(payload);
    return input + "." + b64url(es256_sign(key, input));
  }
  static std::string good_header() {
    return R"({"alg":"ES256","ppt":"shaken","typ":"passport","x5u":")" + kX5u + "\"}";
  }
  std::string good_payload() const {
    return R"({"attest":"A","dest":{"tn":["12025551213"]},"iat":)" + std::to_string(iat_) +
           R"(,"orig":{"tn":"12025551212"},"origid":")" + kOrigId + "\"}";
  }

  PassportVerifyResult verify(const std::string& identity, std::vector<certs::Certificate> chain = {stir_cert()}) {
    return verifier_.verify(identity, chain, now_);
  }
  void expect_failure(const PassportVerifyResult& r, Failure f, std::string_view detail_part) {
    EXPECT_EQ(r.result.failure, f) << to_string(r.result.failure) << ": " << r.result.detail;
    EXPECT_NE(r.result.detail.find(detail_part), std::string::npos) << r.result.detail;
    EXPECT_FALSE(r.passport.has_value());
  }

  Clock::time_point now_ = Clock::now();
  std::int64_t iat_ = epoch_seconds(now_);
  PassportVerifier verifier_{options()};
};

TEST_F(PassportTest, CanonicalHeaderByteForByte) {
  EXPECT_EQ(signer().header_json(),
            R"({"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://cert.example.org/passport.pem"})");
  PassportHeader base;
  base.x5u = "https://cert.example.org/passport.pem";
  EXPECT_EQ(canonical_header(base), R"({"alg":"ES256","typ":"passport","x5u":"https://cert.example.org/passport.pem"})");
}

TEST_F(PassportTest, CanonicalPayloadByteForByte) {
  EXPECT_EQ(canonical_payload(shaken_claims(1443208345)),
            R"({"attest":"A","dest":{"tn":["12025551213"]},"iat":1443208345,"orig":{"tn":"12025551212"},)"
            R"("origid":"123e4567-e89b-12d3-a456-426655440000"})");
  PassportClaims uris;
  uris.orig.uri = "sip:alice@example.com";
  uris.dest.uri = {"sip:bob@example.org", "sip:carol@example.org"};
  uris.dest.tn = {"15555550100"};
  uris.iat = 0;
  EXPECT_EQ(canonical_payload(uris),
            R"({"dest":{"tn":["15555550100"],"uri":["sip:bob@example.org","sip:carol@example.org"]},"iat":0,)"
            R"("orig":{"uri":"sip:alice@example.com"}})");
}

TEST_F(PassportTest, SignedJwsHasCanonicalPartsAnd64ByteSignature) {
  const PassportClaims claims = shaken_claims(1443208345);
  const std::string jws = signer().sign(claims);
  const std::vector<std::string> parts = split_dots(jws);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(base64url_decode(parts[0]), signer().header_json());
  EXPECT_EQ(base64url_decode(parts[1]), canonical_payload(claims));
  const auto sig = base64url_decode(parts[2]);
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(sig->size(), 64u);
  EXPECT_EQ(parts[2].size(), 86u);
  // Checked with OpenSSL directly over header "." payload.
  EXPECT_TRUE(es256_verify(stir_cert(), parts[0] + "." + parts[1], *sig));
  EXPECT_FALSE(es256_verify(stir_cert(), parts[0] + "." + parts[1] + "x", *sig));
}

TEST_F(PassportTest, IdentityHeaderForm) {
  const std::string value = signer().identity(shaken_claims(iat_));
  const std::string suffix = ";info=<" + kX5u + ">;alg=ES256;ppt=shaken";
  ASSERT_GT(value.size(), suffix.size());
  EXPECT_EQ(value.substr(value.size() - suffix.size()), suffix);
  EXPECT_EQ(split_dots(value.substr(0, value.size() - suffix.size())).size(), 3u);
}

TEST_F(PassportTest, SignVerifyRoundTrip) {
  const PassportVerifyResult r = verify(signer().identity(shaken_claims(iat_)));
  ASSERT_TRUE(r.ok()) << to_string(r.result.failure) << ": " << r.result.detail;
  ASSERT_TRUE(r.passport.has_value());
  EXPECT_EQ(r.passport->claims.orig.tn, "12025551212");
  EXPECT_EQ(r.passport->claims.dest.tn, std::vector<std::string>{"12025551213"});
  EXPECT_EQ(r.passport->claims.attest, "A");
  EXPECT_EQ(r.passport->claims.origid, kOrigId);
  EXPECT_EQ(r.passport->header.ppt, "shaken");
  EXPECT_EQ(*r.result.signer, stir_cert());
  // A bare JWS (no parameters) verifies too.
  EXPECT_TRUE(verify(signer().sign(shaken_claims(iat_))).ok());
}

TEST_F(PassportTest, BasePassportWithoutPpt) {
  const PassportSigner base(p256_key(), kX5u, std::nullopt);
  EXPECT_EQ(base.header_json(), R"({"alg":"ES256","typ":"passport","x5u":")" + kX5u + "\"}");
  PassportClaims c;
  c.orig.uri = "sip:alice@example.com";
  c.dest.uri = {"sip:bob@example.org"};
  c.iat = iat_;
  const std::string value = base.identity(c);
  EXPECT_EQ(value.find(";ppt="), std::string::npos);
  PassportVerifyOptions o = options();
  o.ppt.reset();
  const PassportVerifier v(o);
  EXPECT_TRUE(v.verify(value, std::vector{stir_cert()}, now_).ok());
  // A SHAKEN verifier does not take it.
  expect_failure(verify(value), Failure::ppt_mismatch, "ppt is absent");
}

TEST_F(PassportTest, SignerRejectsBadKeysAndClaims) {
  EXPECT_THROW(PassportSigner(rsa2048_key(), kX5u), std::invalid_argument);
  EXPECT_THROW(PassportSigner(certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p384), kX5u), std::invalid_argument);
  EXPECT_THROW(PassportSigner(p256_key(), "http://cert.example.org/x.pem"), std::invalid_argument);
  PassportClaims c = shaken_claims(iat_);
  c.attest = "D";
  EXPECT_THROW((void)signer().sign(c), std::invalid_argument);
  c = shaken_claims(iat_);
  c.origid = "not-a-uuid";
  EXPECT_THROW((void)signer().sign(c), std::invalid_argument);
  c = shaken_claims(iat_);
  c.orig.tn = "+12025551212";  // must be canonical already
  EXPECT_THROW((void)signer().sign(c), std::invalid_argument);
  c = shaken_claims(iat_);
  c.dest.tn.clear();
  EXPECT_THROW((void)signer().sign(c), std::invalid_argument);
}

TEST_F(PassportTest, SecsipidxStyleHeaderOrderVerifies) {
  // Members in another order and with white space: the signature covers the
  // bytes as sent, not their canonical form.
  const std::string header = R"({ "typ":"passport", "alg":"ES256", "x5u":")" + kX5u + R"(", "ppt":"shaken" })";
  EXPECT_TRUE(verify(raw_jws(header, good_payload())).ok());
}

TEST_F(PassportTest, MalformedOversized) {
  const std::string big = raw_jws(good_header(), good_payload()) + ";foo=" + std::string(9000, 'a');
  expect_failure(verify(big), Failure::oversized, "limit 8192");
  const std::string huge_claim = raw_jws(
      good_header(), R"({"attest":"A","dest":{"tn":["12025551213"]},"iat":)" + std::to_string(iat_) +
                         R"(,"orig":{"tn":"12025551212"},"origid":")" + kOrigId + R"(","x":")" +
                         std::string(7000, 'x') + "\"}");
  expect_failure(verify(huge_claim), Failure::oversized, "limit 8192");
}

TEST_F(PassportTest, MalformedMissingParts) {
  const std::vector<std::string> parts = split_dots(raw_jws(good_header(), good_payload()));
  expect_failure(verify(parts[0] + "." + parts[1]), Failure::malformed_identity, "three dot-separated parts");
  expect_failure(verify(parts[0] + "." + parts[1] + "." + parts[2] + ".x"), Failure::malformed_identity,
                 "three dot-separated parts");
  expect_failure(verify("." + parts[1] + "." + parts[2]), Failure::malformed_identity, "header part is empty");
  expect_failure(verify(parts[0] + "." + parts[1] + "."), Failure::malformed_identity, "signature part is empty");
  // Compact form outside a request: nothing to rebuild the payload from.
  expect_failure(verify(parts[0] + ".." + parts[2]), Failure::malformed_identity, "compact form");
}

TEST_F(PassportTest, MalformedBase64) {
  const std::vector<std::string> parts = split_dots(raw_jws(good_header(), good_payload()));
  expect_failure(verify(parts[0] + "=." + parts[1] + "." + parts[2]), Failure::bad_base64, "header is not base64url");
  expect_failure(verify(parts[0] + "." + parts[1] + "\x01." + parts[2]), Failure::malformed_identity,
                 "Identity header");
  expect_failure(verify("eyJ+." + parts[1] + "." + parts[2]), Failure::bad_base64, "header is not base64url");
  expect_failure(verify(parts[0] + ".e." + parts[2]), Failure::bad_base64, "payload is not base64url");
  expect_failure(verify(parts[0] + "." + parts[1] + ".AAA+"), Failure::bad_base64, "signature is not base64url");
  expect_failure(verify(parts[0] + "." + parts[1] + "." + parts[2].substr(0, 84)), Failure::malformed_identity,
                 "must be 64 bytes, not 63");
}

TEST_F(PassportTest, MalformedJson) {
  expect_failure(verify(raw_jws("{\"alg\":", good_payload())), Failure::bad_json, "header is not JSON");
  expect_failure(verify(raw_jws(good_header(), "{\"iat\":1,\"iat\":2}")), Failure::bad_json,
                 "payload is not JSON: duplicate key \"iat\"");
  expect_failure(verify(raw_jws("[1]", good_payload())), Failure::wrong_json_type, "header must be a JSON object, not array");
  expect_failure(verify(raw_jws(good_header(), "\"x\"")), Failure::wrong_json_type,
                 "payload must be a JSON object, not string");
}

TEST_F(PassportTest, WrongJsonTypes) {
  auto payload_with = [&](const std::string& from, const std::string& to) {
    return raw_jws(good_header(), replace_once(good_payload(), from, to));
  };
  const std::string iat = "\"iat\":" + std::to_string(iat_);
  expect_failure(verify(payload_with(iat, "\"iat\":\"" + std::to_string(iat_) + "\"")), Failure::wrong_json_type,
                 "claim \"iat\" must be an integer, not string");
  expect_failure(verify(payload_with(iat, "\"iat\":" + std::to_string(iat_) + ".5")), Failure::wrong_json_type,
                 "claim \"iat\" must be an integer, not a fraction");
  expect_failure(verify(payload_with("\"orig\":{\"tn\":\"12025551212\"}", "\"orig\":{\"tn\":12025551212}")),
                 Failure::wrong_json_type, "claim \"orig.tn\" must be a string, not number");
  expect_failure(verify(payload_with("\"dest\":{\"tn\":[\"12025551213\"]}", "\"dest\":{\"tn\":\"12025551213\"}")),
                 Failure::wrong_json_type, "claim \"dest.tn\" must be an array, not string");
  expect_failure(verify(payload_with("[\"12025551213\"]", "[12025551213]")), Failure::wrong_json_type,
                 "claim \"dest.tn[]\" must be a string, not number");
  expect_failure(verify(payload_with("\"orig\":{\"tn\":\"12025551212\"}", "\"orig\":[\"12025551212\"]")),
                 Failure::wrong_json_type, "claim \"orig\" must be an object, not array");
  expect_failure(verify(payload_with("\"attest\":\"A\"", "\"attest\":true")), Failure::wrong_json_type,
                 "claim \"attest\" must be a string, not boolean");
  expect_failure(verify(raw_jws(replace_once(good_header(), "\"ES256\"", "256"), good_payload())),
                 Failure::wrong_json_type, "header \"alg\" must be a string, not number");
  expect_failure(verify(raw_jws(replace_once(good_header(), "\"shaken\"", "null"), good_payload())),
                 Failure::wrong_json_type, "header \"ppt\" must be a string, not null");
}

TEST_F(PassportTest, MissingClaims) {
  auto without = [&](const std::string& member) { return raw_jws(good_header(), replace_once(good_payload(), member, "")); };
  expect_failure(verify(without(",\"iat\":" + std::to_string(iat_))), Failure::missing_claim, "no \"iat\"");
  expect_failure(verify(without(",\"orig\":{\"tn\":\"12025551212\"}")), Failure::missing_claim, "no \"orig\"");
  expect_failure(verify(without("\"dest\":{\"tn\":[\"12025551213\"]},")), Failure::missing_claim, "no \"dest\"");
  expect_failure(verify(without("\"attest\":\"A\",")), Failure::missing_claim, "no \"attest\"");
  expect_failure(verify(without(",\"origid\":\"" + kOrigId + "\"")), Failure::missing_claim, "no \"origid\"");
  expect_failure(verify(raw_jws(good_header(), replace_once(good_payload(), "{\"tn\":\"12025551212\"}", "{}"))),
                 Failure::missing_claim, "exactly one of");
  expect_failure(verify(raw_jws(replace_once(good_header(), "\"x5u\":\"" + kX5u + "\"", "\"x\":1"), good_payload())),
                 Failure::missing_claim, "no \"x5u\"");
}

TEST_F(PassportTest, BadClaimValues) {
  auto payload_with = [&](const std::string& from, const std::string& to) {
    return raw_jws(good_header(), replace_once(good_payload(), from, to));
  };
  const std::string iat = "\"iat\":" + std::to_string(iat_);
  expect_failure(verify(payload_with(iat, "\"iat\":99999999999999999999999")), Failure::bad_claim_value,
                 "iat out of range");
  expect_failure(verify(payload_with(iat, "\"iat\":-5")), Failure::bad_claim_value, "iat out of range");
  expect_failure(verify(payload_with("\"attest\":\"A\"", "\"attest\":\"D\"")), Failure::bad_claim_value,
                 "attest must be A, B or C");
  expect_failure(verify(payload_with(kOrigId, "123")), Failure::bad_claim_value, "origid is not a UUID");
  expect_failure(verify(payload_with("\"12025551212\"", "\"+1-202-555-1212\"")), Failure::bad_claim_value,
                 "orig tn is not a canonical number");
}

TEST_F(PassportTest, UnknownAlgorithmTypAndCrit) {
  expect_failure(verify(raw_jws(replace_once(good_header(), "ES256", "RS256"), good_payload())),
                 Failure::unsupported_algorithm, "alg is not ES256");
  EXPECT_EQ(sip_status(Failure::unsupported_algorithm), 437);
  EXPECT_EQ(reason_phrase(Failure::unsupported_algorithm, IdentityFlavor::rfc8224), "Unsupported Credential");
  expect_failure(verify(raw_jws(replace_once(good_header(), "passport", "JWT"), good_payload())), Failure::bad_typ,
                 "typ is not \"passport\"");
  expect_failure(verify(raw_jws(replace_once(good_header(), "{", "{\"crit\":[\"foo\"],"), good_payload())),
                 Failure::unsupported_extension, "crit");
  const std::string jws = signer().sign(shaken_claims(iat_));
  expect_failure(verify(jws + ";info=<" + kX5u + ">;alg=RS256"), Failure::unsupported_algorithm,
                 "alg parameter is not ES256");
}

TEST_F(PassportTest, PptMismatch) {
  const std::string jws = signer().sign(shaken_claims(iat_));
  expect_failure(verify(jws + ";info=<" + kX5u + ">;alg=ES256;ppt=div"), Failure::ppt_mismatch,
                 "ppt parameter differs");
  expect_failure(verify(raw_jws(replace_once(good_header(), "shaken", "div"), good_payload())), Failure::ppt_mismatch,
                 "PASSporT ppt is \"div\", expected \"shaken\"");
}

TEST_F(PassportTest, InfoAndX5uChecks) {
  const std::string jws = signer().sign(shaken_claims(iat_));
  expect_failure(verify(jws + ";info=<https://cert.example.org/other.pem>;alg=ES256;ppt=shaken"),
                 Failure::info_mismatch, "info parameter differs");
  expect_failure(verify(raw_jws(replace_once(good_header(), "https:", "http:"), good_payload())),
                 Failure::non_https_info, "not an https URL");
  expect_failure(verify(raw_jws(replace_once(good_header(), "cert.example.org", "evil.example.net"), good_payload())),
                 Failure::info_host_not_allowed, "evil.example.net is not on the allow-list");
  EXPECT_EQ(sip_status(Failure::info_host_not_allowed), 436);
  EXPECT_EQ(reason_phrase(Failure::info_host_not_allowed, IdentityFlavor::rfc8224), "Bad Identity Info");
  const auto pre = verifier_.precheck(jws + ";info=<" + kX5u + ">", now_);
  ASSERT_TRUE(pre.ok()) << pre.problem().detail;
  EXPECT_EQ(pre->url, kX5u);
}

TEST_F(PassportTest, IatFreshness) {
  expect_failure(verifier_.verify(signer().identity(shaken_claims(iat_ - 61)), std::vector{stir_cert()}, now_),
                 Failure::stale_date, "iat is 61 s old (limit 60 s)");
  expect_failure(verifier_.verify(signer().identity(shaken_claims(iat_ + 120)), std::vector{stir_cert()}, now_),
                 Failure::stale_date, "ahead");
  EXPECT_TRUE(verify(signer().identity(shaken_claims(iat_ - 59))).ok());
  EXPECT_EQ(sip_status(Failure::stale_date), 403);
  EXPECT_EQ(reason_phrase(Failure::stale_date, IdentityFlavor::rfc8224), "Stale Date");
}

TEST_F(PassportTest, BadSignature) {
  // Payload changed after signing (re-encoded so it still parses).
  const std::vector<std::string> parts = split_dots(signer().sign(shaken_claims(iat_)));
  const std::string other = b64url(canonical_payload(shaken_claims(iat_ + 1)));
  expect_failure(verify(parts[0] + "." + other + "." + parts[2]), Failure::bad_signature, "does not verify");
  // Signed by another key than the certificate's.
  const certs::PrivateKey stranger = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  expect_failure(verify(raw_jws(good_header(), good_payload(), stranger)), Failure::bad_signature, "does not verify");
  // An all-zero signature.
  expect_failure(verify(parts[0] + "." + parts[1] + "." + b64url(std::string(64, '\0'))), Failure::bad_signature,
                 "does not verify");
}

TEST_F(PassportTest, CertificateChecks) {
  const std::string value = signer().identity(shaken_claims(iat_));
  expect_failure(verify(value, {}), Failure::certificate_unavailable, "no certificate");
  const certs::Certificate untrusted = issue_leaf(p256_key(), {"cert.example.org"}, {}, other_root_ca());
  expect_failure(verify(value, {untrusted}), Failure::untrusted_certificate, "not trusted");
  const certs::Certificate rsa = issue_leaf(rsa2048_key(), {"cert.example.org"});
  expect_failure(verify(value, {rsa}), Failure::unsupported_key, "not EC P-256");
}

// RFC 8224 requests: orig/dest against the request, and the compact form.
class PassportRequestTest : public PassportTest {
 protected:
  std::string invite(const std::string& identity, const std::string& from = "<sip:+12025551212@example.com;user=phone>;tag=1",
                     const std::string& to = "<tel:+1-202-555-1213>") const {
    return "INVITE sip:+12025551213@example.org;user=phone SIP/2.0\r\n"
           "Via: SIP/2.0/TLS pc.example.com;branch=z9hG4bK74bf9\r\n"
           "From: " + from + "\r\n"
           "To: " + to + "\r\n"
           "Call-ID: 3848276298220188511@example.com\r\n"
           "CSeq: 1 INVITE\r\n"
           "Date: " + sip::format_date(now_) + "\r\n"
           "Max-Forwards: 70\r\n"
           "Identity: " + identity + "\r\n"
           "Content-Length: 0\r\n\r\n";
  }
};

TEST_F(PassportRequestTest, RequestVerifies) {
  const PassportVerifyResult r = verifier_.verify(parse(invite(signer().identity(shaken_claims(iat_)))),
                                                  std::vector{stir_cert()}, now_);
  EXPECT_TRUE(r.ok()) << r.result.detail;
}

TEST_F(PassportRequestTest, OrigOrDestNotMatchingTheRequest) {
  const std::string value = signer().identity(shaken_claims(iat_));
  const auto wrong_from = verifier_.verify(parse(invite(value, "<sip:+12025550000@example.com>;tag=1")),
                                           std::vector{stir_cert()}, now_);
  expect_failure(wrong_from, Failure::identity_mismatch, "orig does not match");
  const auto wrong_to = verifier_.verify(parse(invite(value, "<sip:+12025551212@example.com>;tag=1", "<tel:+15555550100>")),
                                         std::vector{stir_cert()}, now_);
  expect_failure(wrong_to, Failure::identity_mismatch, "dest does not include");
  // P-Asserted-Identity, when present, is the originator.
  std::string with_pai = invite(value, "<sip:anonymous@anonymous.invalid>;tag=1");
  with_pai = replace_once(with_pai, "Max-Forwards", "P-Asserted-Identity: <tel:+12025551212>\r\nMax-Forwards");
  EXPECT_TRUE(verifier_.verify(parse(with_pai), std::vector{stir_cert()}, now_).ok());
}

TEST_F(PassportRequestTest, NoPassportIdentity) {
  const std::string wire = replace_once(invite("x"), "Identity: x\r\n", "");
  const auto r = verifier_.verify(parse(wire), std::vector{stir_cert()}, now_);
  expect_failure(r, Failure::missing_identity, "no RFC 8224 Identity");
  EXPECT_EQ(r.result.status(), 428);
}

TEST_F(PassportRequestTest, PicksTheHeaderWithTheConfiguredPpt) {
  const PassportSigner div(p256_key(), kX5u, std::string("div"));
  PassportClaims c = shaken_claims(iat_);
  c.attest.reset();
  c.origid.reset();
  std::string wire = invite(div.identity(c));
  wire = replace_once(wire, "Content-Length", "Identity: " + signer().identity(shaken_claims(iat_)) + "\r\nContent-Length");
  EXPECT_TRUE(verifier_.verify(parse(wire), std::vector{stir_cert()}, now_).ok());
}

TEST_F(PassportRequestTest, CompactFormRebuiltFromTheRequest) {
  const PassportSigner base(p256_key(), kX5u, std::nullopt);
  PassportVerifyOptions o = options();
  o.ppt.reset();
  const PassportVerifier v(o);
  // Claims as the request implies them; then drop the payload (RFC 8225 §7).
  const std::string probe = invite("x");
  const auto claims = claims_from_request(parse(probe));
  ASSERT_TRUE(claims.ok()) << claims.problem().detail;
  EXPECT_EQ(claims->orig.tn, "12025551212");
  EXPECT_EQ(claims->dest.tn, std::vector<std::string>{"12025551213"});
  const std::vector<std::string> parts = split_dots(base.sign(*claims));
  const std::string compact = parts[0] + ".." + parts[2] + ";info=<" + kX5u + ">;alg=ES256";
  const auto r = v.verify(parse(invite(compact)), std::vector{stir_cert()}, now_);
  ASSERT_TRUE(r.ok()) << r.result.detail;
  EXPECT_TRUE(r.passport->compact);
  // The same compact PASSporT on a request to someone else fails.
  const auto other = v.verify(parse(invite(compact, "<sip:+12025551212@example.com;user=phone>;tag=1", "<tel:+15555550100>")),
                              std::vector{stir_cert()}, now_);
  expect_failure(other, Failure::bad_signature, "does not verify");
}

TEST_F(PassportRequestTest, Rfc4474HeaderIsNotAPassport) {
  const auto r = verifier_.precheck(std::string("\"Zm9v\""), now_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().failure, Failure::malformed_identity);
}

TEST(PassportDecode, NeedsNoKey) {
  // decode_passport alone (as the fuzzer drives it): structure and claims only.
  PassportClaims c = shaken_claims(1443208345);
  const std::string payload = b64url(canonical_payload(c));
  const std::string header =
      b64url(R"({"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://cert.example.org/passport.pem"})");
  const auto d = decode_passport(header + "." + payload + "." + b64url(std::string(64, '\x01')));
  ASSERT_TRUE(d.ok()) << d.problem().detail;
  EXPECT_EQ(d->signing_input, header + "." + payload);
  EXPECT_EQ(d->claims.iat, 1443208345);
  EXPECT_EQ(d->signature[0], 1);
}

}  // namespace
}  // namespace credsvc::identity
