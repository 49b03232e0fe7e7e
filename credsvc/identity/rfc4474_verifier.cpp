#include "identity/rfc4474_verifier.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "certs/chain_verification.hpp"
#include "identity/base64.hpp"
#include "identity/detail/verify_signature.hpp"
#include "identity/digest_string.hpp"
#include "identity/domain_certificate.hpp"
#include "sip/grammar.hpp"

namespace credsvc::identity {
namespace {

using Clock = std::chrono::system_clock;

// RSA up to 8192 bits; a longer "signature" is not worth decoding.
constexpr std::size_t kMaxSignatureBytes = 1024;
constexpr std::size_t kMaxSignatureText = (kMaxSignatureBytes + 2) / 3 * 4;

Problem problem(Failure f, std::string detail) { return Problem{f, std::move(detail)}; }

// In whole seconds: a Date may lie centuries away, further than a
// nanosecond duration can span.
std::int64_t seconds_since_epoch(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Rfc4474Verifier::Rfc4474Verifier(Rfc4474VerifyOptions options)
    : options_(std::move(options)), replay_(options_.max_replay_entries) {
  if (options_.trust_anchors.empty()) throw std::invalid_argument("identity: verifier needs trust anchors");
  if (options_.allowed_info_hosts.empty() && !options_.allow_any_info_host) {
    throw std::invalid_argument(
        "identity: verifier needs allowed Identity-Info hosts (or allow_any_info_host)");
  }
  if (options_.date_window.count() < 0) throw std::invalid_argument("identity: negative date window");
}

Checked<Rfc4474Precheck> Rfc4474Verifier::precheck(const sip::Message& msg, Clock::time_point now) const {
  if (!msg.is_request()) return problem(Failure::malformed_identity, "Identity is only verified on requests");

  // RFC 4474 §6: no Identity at all is 428.
  if (msg.count(sip::HeaderId::Identity) == 0) return problem(Failure::missing_identity, "no Identity header");
  const auto identity = msg.identity();
  if (!identity) return problem(Failure::malformed_identity, "Identity header: " + identity.error());
  const sip::IdentityHeader& ih = **identity;
  if (ih.form != sip::IdentityForm::Rfc4474) {
    return problem(Failure::malformed_identity, "Identity header is not an RFC 4474 quoted signature");
  }
  if (ih.signature.size() > kMaxSignatureText) {
    return problem(Failure::oversized, "Identity signature longer than " + std::to_string(kMaxSignatureBytes) +
                                           " bytes");
  }
  Rfc4474Precheck pre;
  auto sig = base64_decode(ih.signature);
  if (!sig) return problem(Failure::bad_base64, "Identity signature is not valid base64");
  pre.signature = std::move(*sig);

  if (msg.count(sip::HeaderId::IdentityInfo) == 0) {
    return problem(Failure::missing_identity_info, "no Identity-Info header");
  }
  const auto info = msg.identity_info();
  if (!info) return problem(Failure::malformed_identity_info, "Identity-Info header: " + info.error());
  pre.url = (*info)->uri;
  auto url = parse_https_url(pre.url);
  if (!url) {
    const bool https = pre.url.size() >= 6 && sip::grammar::iequals(pre.url.substr(0, 6), "https:");
    return problem(https ? Failure::malformed_identity_info : Failure::non_https_info,
                   "Identity-Info: " + url.error());
  }
  pre.parsed_url = std::move(*url);
  if (!options_.allow_any_info_host && !host_allowed(pre.parsed_url.host, options_.allowed_info_hosts)) {
    return problem(Failure::info_host_not_allowed,
                   "Identity-Info host " + pre.parsed_url.host + " is not on the allow-list");
  }
  // RFC 4474 §9: without alg, rsa-sha1 is meant.
  const std::optional<std::string_view> alg_text = (*info)->alg();
  if ((*info)->params.has("alg") && !alg_text) {
    return problem(Failure::malformed_identity_info, "Identity-Info alg parameter has no value");
  }
  const auto alg = alg_text ? parse_rfc4474_algorithm(*alg_text) : std::optional(Rfc4474Algorithm::rsa_sha1);
  if (!alg) return problem(Failure::unsupported_algorithm, "Identity-Info alg is not supported");
  if (*alg == Rfc4474Algorithm::rsa_sha1 && !options_.accept_rsa_sha1) {
    return problem(Failure::unsupported_algorithm, "rsa-sha1 signatures are refused");
  }
  pre.alg = *alg;

  // RFC 4474 §13.1: the Date bounds how long a signed request can be replayed.
  if (msg.count(sip::HeaderId::Date) == 0) return problem(Failure::missing_date, "no Date header");
  const auto date = msg.date();
  if (!date) return problem(Failure::missing_date, "Date header: " + date.error());
  pre.date = **date;
  const std::int64_t offset = seconds_since_epoch(pre.date) - seconds_since_epoch(now);
  const std::int64_t skew = offset < 0 ? -offset : offset;
  if (skew > options_.date_window.count()) {
    return problem(Failure::stale_date, "Date is " + std::to_string(skew) + " s " + (offset > 0 ? "ahead" : "old") +
                                            " (window " + std::to_string(options_.date_window.count()) +
                                            " s)");
  }

  const auto parts = digest_parts(msg);
  if (!parts) return problem(Failure::missing_signed_header, parts.error());
  return pre;
}

VerifyResult Rfc4474Verifier::verify(const sip::Message& msg, std::span<const certs::Certificate> chain,
                                     Clock::time_point now) const {
  constexpr IdentityFlavor kFlavor = IdentityFlavor::rfc4474;
  auto fail = [](Failure f, std::string detail) { return VerifyResult::from(Problem{f, std::move(detail)}, kFlavor); };

  auto pre = precheck(msg, now);
  if (!pre) return VerifyResult::from(std::move(pre).problem(), kFlavor);

  // §6 step 1: the certificate, validated to a trust anchor.
  if (chain.empty()) return fail(Failure::certificate_unavailable, "no certificate at the Identity-Info URL");
  const certs::Certificate& leaf = chain.front();
  const certs::ChainResult cr = certs::verify_chain(leaf, chain.subspan(1), options_.trust_anchors, now);
  if (!cr.ok()) return fail(Failure::untrusted_certificate, "certificate not trusted: " + cr.reason);
  const certs::KeyInfo key = leaf.key_info();
  if (key.type != certs::KeyType::rsa || key.bits < 2048) {
    return fail(Failure::unsupported_key, "certificate key is " + key.name + " " + std::to_string(key.bits) +
                                              " bits; RSA of at least 2048 bits needed");
  }
  // §6 step 2: the signer must be authoritative for the From domain.
  const sip::NameAddr* from = msg.from();
  if (!from->uri.is_sip()) return fail(Failure::certificate_domain_mismatch, "From is not a SIP URI");
  if (!certificate_names_domain(leaf, from->uri.host)) {
    return fail(Failure::certificate_domain_mismatch, "certificate does not name " + std::string(from->uri.host));
  }
  // §6 step 4: the Date must fall within the certificate's validity.
  if (pre->date < leaf.not_before() || pre->date > leaf.not_after()) {
    return fail(Failure::date_outside_certificate, "Date is outside the certificate's validity");
  }

  // §6 step 3: the signature over the digest-string.
  const auto parts = digest_parts(msg);
  std::array<char, 10> number{};
  const DigestPieces pieces = digest_pieces(*parts, number);
  const std::span<const std::uint8_t> sig(reinterpret_cast<const std::uint8_t*>(pre->signature.data()),
                                          pre->signature.size());
  if (!detail::verify_signature(leaf.public_key_native(), digest_name(pre->alg), pieces, sig)) {
    return fail(Failure::bad_signature, "signature does not match the digest-string");
  }

  // §13.1: one verification per Call-ID, CSeq and From tag while Date is fresh.
  if (options_.max_replay_entries > 0) {
    std::string key_text(*msg.call_id());
    key_text.push_back('\n');
    key_text.append(std::to_string(msg.cseq()->number));
    key_text.push_back(' ');
    key_text.append(msg.cseq()->method_name);
    key_text.push_back('\n');
    key_text.append(from->tag().value_or(std::string_view{}));
    const Clock::time_point expires = std::max(pre->date, now) + options_.date_window;
    if (!replay_.insert(key_text, expires, now)) {
      return fail(Failure::replay, "request already verified (same Call-ID, CSeq and From tag)");
    }
  }

  VerifyResult ok;
  ok.flavor = kFlavor;
  ok.signer = leaf;
  return ok;
}

void Rfc4474Verifier::verify_async(sip::Message msg, Clock::time_point now, const CertificateFetch& fetch,
                                   std::function<void(VerifyResult)> done) const {
  auto pre = precheck(msg, now);
  if (!pre) {
    done(VerifyResult::from(std::move(pre).problem(), IdentityFlavor::rfc4474));
    return;
  }
  fetch(pre->url, [this, msg = std::move(msg), now, done = std::move(done)](std::error_code ec,
                                                                           CertificateChain certs) {
    if (ec || !certs || certs->empty()) {
      done(VerifyResult::from(
          Problem{Failure::certificate_unavailable,
                  "cannot fetch the Identity-Info certificate" + (ec ? ": " + ec.message() : std::string())},
          IdentityFlavor::rfc4474));
      return;
    }
    done(verify(msg, *certs, now));
  });
}

}  // namespace credsvc::identity
