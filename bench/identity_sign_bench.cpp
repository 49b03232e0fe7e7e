// Identity signing cost, single thread: RFC 4474 rsa-sha256 over a NOTIFY's
// digest-string (RSA-2048, the full signer path: digest-string pieces, sign,
// base64, header values) and ES256 PASSporTs (P-256, canonical JSON, JWS).
// Verification is measured beside them for scale. Compare with
//   openssl speed -seconds 3 rsa2048 ecdsap256
// Run from a Release build: build/<dir>/bench/identity_sign_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "identity/passport_signer.hpp"
#include "identity/passport_verifier.hpp"
#include "identity/rfc4474_signer.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "sip/date_header.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"

namespace {

using namespace credsvc;
using Clock = std::chrono::system_clock;

struct Keys {
  certs::PrivateKey rsa = certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048);
  certs::PrivateKey p256 = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::PrivateKey ca_key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::Certificate ca = make_ca(ca_key);
  certs::Certificate rsa_cert = leaf(rsa, "example.com");
  certs::Certificate p256_cert = leaf(p256, "cert.example.org");

  static certs::Certificate make_ca(const certs::PrivateKey& key) {
    certs::IssueRequest r;
    r.common_name = "Bench Root";
    r.is_ca = true;
    r.not_before = Clock::now() - std::chrono::hours(1);
    r.not_after = Clock::now() + std::chrono::hours(24 * 365);
    return certs::issue_certificate(r, key, nullptr, key);
  }
  certs::Certificate leaf(const certs::PrivateKey& key, const std::string& dns) const {
    certs::IssueRequest r;
    r.common_name = dns;
    r.san_dns = {dns};
    r.not_before = Clock::now() - std::chrono::hours(1);
    r.not_after = Clock::now() + std::chrono::hours(24 * 30);
    return certs::issue_certificate(r, key, &ca, ca_key);
  }
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// A NOTIFY body of certificate size (about 1 KiB of DER).
const std::string& body() {
  static const std::string b = [] {
    const certs::Bytes der = keys().rsa_cert.to_der();
    return std::string(der.begin(), der.end());
  }();
  return b;
}

identity::DigestStringParts notify_parts(const std::string& date) {
  identity::DigestStringParts p;
  p.from_addr_spec = "sip:alice@example.com";
  p.to_addr_spec = "sip:bob@example.org";
  p.call_id = "a84b4c76e66710@svc.example.com";
  p.cseq_number = 314159;
  p.cseq_method = "NOTIFY";
  p.date = date;
  p.contact_addr_spec = "sip:credsvc@svc.example.com;transport=tls";
  p.body = body();
  return p;
}

identity::PassportClaims claims(std::int64_t iat) {
  identity::PassportClaims c;
  c.orig.tn = "12025551212";
  c.dest.tn = {"12025551213"};
  c.iat = iat;
  c.attest = "A";
  c.origid = "123e4567-e89b-12d3-a456-426655440000";
  return c;
}

void BM_Rfc4474SignRsa2048Sha256(benchmark::State& state) {
  const identity::Rfc4474Signer signer(keys().rsa, "https://certs.example.com/identity/example.com.cer");
  const std::string date = sip::format_date(Clock::now());
  const identity::DigestStringParts parts = notify_parts(date);
  for (auto _ : state) {
    benchmark::DoNotOptimize(signer.identity(parts));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rfc4474SignRsa2048Sha256)->Unit(benchmark::kMicrosecond);

// With the Date made for the request (the NOTIFY builder's path).
void BM_Rfc4474SignWithDate(benchmark::State& state) {
  const identity::Rfc4474Signer signer(keys().rsa, "https://certs.example.com/identity/example.com.cer");
  identity::DigestStringParts parts = notify_parts("");
  for (auto _ : state) {
    benchmark::DoNotOptimize(signer.sign(parts, Clock::now()));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rfc4474SignWithDate)->Unit(benchmark::kMicrosecond);

void BM_PassportSignEs256(benchmark::State& state) {
  const identity::PassportSigner signer(keys().p256, "https://cert.example.org/passport.pem");
  const identity::PassportClaims c = claims(1443208345);
  for (auto _ : state) {
    benchmark::DoNotOptimize(signer.identity(c));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PassportSignEs256)->Unit(benchmark::kMicrosecond);

void BM_Rfc4474Verify(benchmark::State& state) {
  const identity::Rfc4474Signer signer(keys().rsa, "https://certs.example.com/identity/example.com.cer");
  const Clock::time_point now = Clock::now();
  const identity::Rfc4474Headers h = signer.sign(notify_parts(""), now);
  const std::string wire = sip::MessageBuilder::request("NOTIFY", "sip:bob@192.0.2.4")
                               .add(sip::HeaderId::Via, "SIP/2.0/TLS svc.example.com;branch=z9hG4bKx")
                               .add(sip::HeaderId::From, "<sip:alice@example.com>;tag=1")
                               .add(sip::HeaderId::To, "<sip:bob@example.org>")
                               .add(sip::HeaderId::CallId, "a84b4c76e66710@svc.example.com")
                               .add(sip::HeaderId::CSeq, "314159 NOTIFY")
                               .add(sip::HeaderId::Date, h.date)
                               .add(sip::HeaderId::Contact, "<sip:credsvc@svc.example.com;transport=tls>")
                               .add(sip::HeaderId::Identity, h.identity)
                               .add(sip::HeaderId::IdentityInfo, h.identity_info)
                               .body("application/pkix-cert", body())
                               .build();
  const sip::Message msg = sip::parse_message(wire).msg;
  identity::Rfc4474VerifyOptions o;
  o.allowed_info_hosts = {"certs.example.com"};
  o.trust_anchors = {keys().ca};
  o.max_replay_entries = 0;
  const identity::Rfc4474Verifier verifier(o);
  const std::vector<certs::Certificate> chain{keys().rsa_cert};
  for (auto _ : state) {
    const identity::VerifyResult r = verifier.verify(msg, chain, now);
    if (!r.ok()) state.SkipWithError(r.detail.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rfc4474Verify)->Unit(benchmark::kMicrosecond);

void BM_PassportVerify(benchmark::State& state) {
  const identity::PassportSigner signer(keys().p256, "https://cert.example.org/passport.pem");
  const Clock::time_point now = Clock::now();
  const std::string value =
      signer.identity(claims(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()));
  identity::PassportVerifyOptions o;
  o.allowed_x5u_hosts = {"cert.example.org"};
  o.trust_anchors = {keys().ca};
  const identity::PassportVerifier verifier(o);
  const std::vector<certs::Certificate> chain{keys().p256_cert};
  for (auto _ : state) {
    const identity::PassportVerifyResult r = verifier.verify(value, chain, now);
    if (!r.ok()) state.SkipWithError(r.result.detail.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PassportVerify)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
