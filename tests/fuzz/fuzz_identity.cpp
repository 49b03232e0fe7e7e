// The identity front-ends on arbitrary bytes: JSON parsing and canonical
// form, PASSporT decoding and verification, RFC 4474 digest-string and
// verification of parsed SIP requests, and the small codecs. The first byte
// picks the front-end. Fixture certificates (made once, at a fixed time) let
// verification run all the way to the signature check.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certs/issue_certificate.hpp"
#include "fuzz_check.hpp"
#include "identity/base64.hpp"
#include "identity/canonical_json.hpp"
#include "identity/digest_string.hpp"
#include "identity/https_url.hpp"
#include "identity/json_parser.hpp"
#include "identity/passport_jws.hpp"
#include "identity/passport_request.hpp"
#include "identity/passport_verifier.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "identity/telephone_number.hpp"
#include "sip/identity_headers.hpp"
#include "sip/parser.hpp"

namespace {

using namespace credsvc;
using Clock = std::chrono::system_clock;

// 2015-09-25 19:12:25 UTC, the iat of the seeds (and their Date headers).
const Clock::time_point kNow = Clock::time_point{} + std::chrono::seconds(1443208345);

struct Fixture {
  std::vector<certs::Certificate> rsa_chain;
  std::vector<certs::Certificate> ec_chain;
  std::unique_ptr<identity::Rfc4474Verifier> rfc4474;
  std::unique_ptr<identity::PassportVerifier> passport;
  std::unique_ptr<identity::PassportVerifier> base_passport;
};

certs::Certificate leaf(const certs::PrivateKey& key, const std::string& dns, const certs::Certificate& ca,
                        const certs::PrivateKey& ca_key) {
  certs::IssueRequest r;
  r.common_name = dns;
  r.san_dns = {dns};
  r.not_before = kNow - std::chrono::hours(24 * 365 * 5);
  r.not_after = kNow + std::chrono::hours(24 * 365 * 20);
  return certs::issue_certificate(r, key, &ca, ca_key);
}

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    const certs::PrivateKey ca_key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    certs::IssueRequest root;
    root.common_name = "Fuzz Root";
    root.is_ca = true;
    root.not_before = kNow - std::chrono::hours(24 * 365 * 5);
    root.not_after = kNow + std::chrono::hours(24 * 365 * 20);
    const certs::Certificate ca = certs::issue_certificate(root, ca_key, nullptr, ca_key);
    out.rsa_chain = {leaf(certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048), "example.com", ca, ca_key)};
    out.ec_chain = {leaf(certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256), "cert.example.org", ca, ca_key)};

    identity::Rfc4474VerifyOptions o;
    o.allow_any_info_host = true;
    o.trust_anchors = {ca};
    o.max_replay_entries = 0;  // keep runs deterministic
    out.rfc4474 = std::make_unique<identity::Rfc4474Verifier>(o);
    identity::PassportVerifyOptions p;
    p.allow_any_x5u_host = true;
    p.trust_anchors = {ca};
    out.passport = std::make_unique<identity::PassportVerifier>(p);
    p.ppt.reset();
    out.base_passport = std::make_unique<identity::PassportVerifier>(p);
    return out;
  }();
  return f;
}

void check_result(const identity::VerifyResult& r) {
  // Every refusal names its cause and maps to one of the identity statuses.
  if (r.ok()) return;
  FUZZ_CHECK(!r.detail.empty());
  const int s = r.status();
  FUZZ_CHECK(s == 403 || s == 428 || s == 436 || s == 437 || s == 438);
}

void json_front_end(std::string_view text) {
  const auto v = identity::parse_json(text);
  if (!v) {
    FUZZ_CHECK(!v.error().empty());
    return;
  }
  // The canonical form parses back to the same canonical form.
  const std::string c = identity::canonical_json(*v);
  const auto again = identity::parse_json(c);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(identity::canonical_json(*again) == c);
  (void)identity::header_from_json(*v);
  (void)identity::claims_from_json(*v, std::string("shaken"));
  const auto claims = identity::claims_from_json(*v, std::nullopt);
  if (claims) {
    // Claims read back encode to JSON that reads back to the same claims.
    const std::string payload = identity::canonical_payload(*claims);
    const auto reparsed = identity::parse_json(payload);
    FUZZ_CHECK(reparsed.ok());
    const auto claims2 = identity::claims_from_json(*reparsed, std::nullopt);
    FUZZ_CHECK(claims2.ok());
    FUZZ_CHECK(identity::canonical_payload(*claims2) == payload);
  }
}

void passport_front_end(std::string_view text) {
  const Fixture& f = fixture();
  const auto decoded = identity::decode_passport(text);
  if (decoded) {
    // What decoding accepts, the signer would accept to sign.
    FUZZ_CHECK(identity::claims_error(decoded->claims, decoded->header.ppt).empty());
    FUZZ_CHECK(decoded->signing_input.size() <= text.size());
  } else {
    FUZZ_CHECK(!decoded.problem().detail.empty());
  }
  check_result(f.passport->verify(text, f.ec_chain, kNow).result);
  check_result(f.base_passport->verify(text, f.ec_chain, kNow).result);
}

void sip_front_end(std::string_view text) {
  const Fixture& f = fixture();
  const auto parsed = sip::parse_message(text);
  if (!parsed.ok()) return;
  const sip::Message& msg = parsed.msg;
  const auto digest = identity::digest_string(msg);
  if (digest) FUZZ_CHECK(digest->size() >= msg.body().size() + 6);
  check_result(f.rfc4474->verify(msg, f.rsa_chain, kNow));
  check_result(f.passport->verify(msg, f.ec_chain, kNow).result);
  check_result(f.base_passport->verify(msg, f.ec_chain, kNow).result);
  const auto claims = identity::claims_from_request(msg);
  if (claims) (void)identity::check_request_identity(*claims, msg);
}

void codec_front_end(std::string_view text) {
  if (const auto d = identity::base64url_decode(text)) {
    FUZZ_CHECK(identity::base64url_encode(*d) == text);  // strict: one text per value
  }
  if (const auto d = identity::base64_decode(text)) {
    std::string enc = identity::base64_encode(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(d->data()), d->size()));
    std::string_view in = text;
    while (!enc.empty() && enc.back() == '=') enc.pop_back();
    while (!in.empty() && in.back() == '=') in.remove_suffix(1);
    FUZZ_CHECK(enc == in);
  }
  if (const auto u = identity::parse_https_url(text)) {
    FUZZ_CHECK(!u->host.empty());
    FUZZ_CHECK(!u->path.empty() && u->path.front() == '/');
  }
  if (const auto tn = identity::canonical_tn(text)) FUZZ_CHECK(identity::is_canonical_tn(*tn));
  const std::string_view addr = identity::raw_addr_spec(text);
  FUZZ_CHECK(addr.size() <= text.size());
  if (const auto ih = sip::parse_identity(text)) (void)sip::to_string(*ih);
  if (const auto ii = sip::parse_identity_info(text)) (void)sip::to_string(*ii);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: json_front_end(text); break;
    case 1: passport_front_end(text); break;
    case 2: sip_front_end(text); break;
    default: codec_front_end(text); break;
  }
  return 0;
}
