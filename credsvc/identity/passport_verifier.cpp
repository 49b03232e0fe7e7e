#include "identity/passport_verifier.hpp"

#include <stdexcept>
#include <utility>

#include "certs/chain_verification.hpp"
#include "identity/detail/verify_signature.hpp"
#include "identity/ecdsa_jws_signature.hpp"
#include "identity/passport_request.hpp"
#include "sip/grammar.hpp"
#include "sip/identity_headers.hpp"

namespace credsvc::identity {
namespace {

constexpr IdentityFlavor kFlavor = IdentityFlavor::rfc8224;

Problem problem(Failure f, std::string detail) { return Problem{f, std::move(detail)}; }

PassportVerifyResult failed(Problem p) { return PassportVerifyResult{VerifyResult::from(std::move(p), kFlavor), {}}; }

std::int64_t seconds_since_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool is_compact(std::string_view jws) {
  const std::size_t dot = jws.find('.');
  return dot != std::string_view::npos && dot + 1 < jws.size() && jws[dot + 1] == '.';
}

}  // namespace

PassportVerifier::PassportVerifier(PassportVerifyOptions options) : options_(std::move(options)) {
  if (options_.trust_anchors.empty()) throw std::invalid_argument("identity: verifier needs trust anchors");
  if (options_.allowed_x5u_hosts.empty() && !options_.allow_any_x5u_host) {
    throw std::invalid_argument("identity: verifier needs allowed x5u hosts (or allow_any_x5u_host)");
  }
  if (options_.max_age.count() < 0) throw std::invalid_argument("identity: negative max_age");
}

Checked<PassportPrecheck> PassportVerifier::precheck(std::string_view identity_value, time_point now,
                                                     const PassportClaims* reconstructed) const {
  if (identity_value.size() > options_.max_identity_size) {
    return problem(Failure::oversized, "Identity header is " + std::to_string(identity_value.size()) +
                                           " bytes (limit " + std::to_string(options_.max_identity_size) + ")");
  }
  const auto header = sip::parse_identity(identity_value);
  if (!header) return problem(Failure::malformed_identity, "Identity header: " + header.error());
  if (header->form == sip::IdentityForm::Rfc4474) {
    return problem(Failure::malformed_identity, "Identity header is an RFC 4474 signature, not a PASSporT");
  }
  auto decoded = decode_passport(header->signature, reconstructed, options_.max_identity_size);
  if (!decoded) return std::move(decoded).problem();

  PassportPrecheck pre;
  pre.passport = std::move(*decoded);
  const PassportHeader& ph = pre.passport.header;

  // RFC 8224 §4.1: alg and ppt parameters, when present, repeat the PASSporT's.
  if (header->params.has("alg")) {
    const auto alg = header->alg();
    if (!alg || *alg != ph.alg) return problem(Failure::unsupported_algorithm, "alg parameter is not ES256");
  }
  if (options_.ppt != ph.ppt) {
    return problem(Failure::ppt_mismatch, "PASSporT ppt is " + (ph.ppt ? "\"" + *ph.ppt + "\"" : std::string("absent")) +
                                              ", expected " +
                                              (options_.ppt ? "\"" + *options_.ppt + "\"" : std::string("none")));
  }
  if (header->params.has("ppt")) {
    const auto ppt = header->ppt();
    if (!ppt || !ph.ppt || *ppt != *ph.ppt) {
      return problem(Failure::ppt_mismatch, "ppt parameter differs from the PASSporT's ppt");
    }
  }

  // The certificate URL: info (RFC 8224 §4.1), which SHAKEN requires to equal x5u (RFC 8588 §6).
  auto x5u = parse_https_url(ph.x5u);
  if (!x5u) {
    const bool https = ph.x5u.size() >= 6 && sip::grammar::iequals(std::string_view(ph.x5u).substr(0, 6), "https:");
    return problem(https ? Failure::malformed_identity_info : Failure::non_https_info, "x5u: " + x5u.error());
  }
  if (header->info && *header->info != ph.x5u) {
    return problem(Failure::info_mismatch, "info parameter differs from the PASSporT's x5u");
  }
  pre.url = ph.x5u;
  pre.parsed_url = std::move(*x5u);
  if (!options_.allow_any_x5u_host && !host_allowed(pre.parsed_url.host, options_.allowed_x5u_hosts)) {
    return problem(Failure::info_host_not_allowed, "x5u host " + pre.parsed_url.host + " is not on the allow-list");
  }

  // RFC 8224 §6.2.1: iat must be fresh (and not from the future).
  const std::int64_t now_s = seconds_since_epoch(now);
  const std::int64_t iat = pre.passport.claims.iat;
  const std::int64_t skew = iat > now_s ? iat - now_s : now_s - iat;
  if (skew > options_.max_age.count()) {
    return problem(Failure::stale_date, "iat is " + std::to_string(skew) + " s " + (iat > now_s ? "ahead" : "old") +
                                            " (limit " + std::to_string(options_.max_age.count()) + " s)");
  }
  return pre;
}

PassportVerifyResult PassportVerifier::verify_prechecked(const PassportPrecheck& pre,
                                                         std::span<const certs::Certificate> chain,
                                                         time_point now) const {
  if (chain.empty()) return failed(problem(Failure::certificate_unavailable, "no certificate at the x5u URL"));
  const certs::Certificate& leaf = chain.front();
  const certs::ChainResult cr = certs::verify_chain(leaf, chain.subspan(1), options_.trust_anchors, now);
  if (!cr.ok()) return failed(problem(Failure::untrusted_certificate, "certificate not trusted: " + cr.reason));
  const certs::KeyInfo key = leaf.key_info();
  if (key.type != certs::KeyType::ec || key.curve != "P-256") {
    return failed(problem(Failure::unsupported_key, "certificate key is not EC P-256"));
  }
  const std::int64_t iat = pre.passport.claims.iat;
  if (iat < seconds_since_epoch(leaf.not_before()) || iat > seconds_since_epoch(leaf.not_after())) {
    return failed(problem(Failure::date_outside_certificate, "iat is outside the certificate's validity"));
  }
  const std::vector<std::uint8_t> der = es256_to_der(pre.passport.signature);
  const std::string_view input = pre.passport.signing_input;
  if (der.empty() || !detail::verify_signature(leaf.public_key_native(), "SHA256",
                                               std::span<const std::string_view>(&input, 1), der)) {
    return failed(problem(Failure::bad_signature, "PASSporT signature does not verify"));
  }
  PassportVerifyResult ok;
  ok.result.flavor = kFlavor;
  ok.result.signer = leaf;
  ok.passport = pre.passport;
  return ok;
}

PassportVerifyResult PassportVerifier::verify(std::string_view identity_value,
                                              std::span<const certs::Certificate> chain, time_point now,
                                              const PassportClaims* reconstructed) const {
  auto pre = precheck(identity_value, now, reconstructed);
  if (!pre) return failed(std::move(pre).problem());
  return verify_prechecked(*pre, chain, now);
}

Checked<PassportPrecheck> PassportVerifier::precheck(const sip::Message& msg, time_point now) const {
  if (!msg.is_request()) return problem(Failure::malformed_identity, "Identity is only verified on requests");
  std::optional<Problem> first;
  std::optional<Checked<PassportClaims>> rebuilt;
  bool any = false;
  for (std::string_view value : msg.headers(sip::HeaderId::Identity)) {
    const auto parsed = sip::parse_identity(value);
    if (parsed && parsed->form == sip::IdentityForm::Rfc4474) continue;  // not ours to check
    any = true;
    const PassportClaims* reconstructed = nullptr;
    if (parsed && is_compact(parsed->signature)) {
      if (!rebuilt) rebuilt = claims_from_request(msg);
      if (!*rebuilt) {
        if (!first) first = rebuilt->problem();
        continue;
      }
      reconstructed = &rebuilt->value();
    }
    auto pre = precheck(value, now, reconstructed);
    if (pre && options_.check_request_identity && !pre->passport.compact) {
      if (auto mismatch = check_request_identity(pre->passport.claims, msg)) pre = std::move(*mismatch);
    }
    if (pre) return pre;
    // With one header per ppt, a ppt mismatch only says "not this one".
    if (!first || (first->failure == Failure::ppt_mismatch && pre.problem().failure != Failure::ppt_mismatch)) {
      first = std::move(pre).problem();
    }
  }
  if (!any) return problem(Failure::missing_identity, "no RFC 8224 Identity header");
  return std::move(*first);
}

PassportVerifyResult PassportVerifier::verify(const sip::Message& msg, std::span<const certs::Certificate> chain,
                                              time_point now) const {
  auto pre = precheck(msg, now);
  if (!pre) return failed(std::move(pre).problem());
  return verify_prechecked(*pre, chain, now);
}

void PassportVerifier::verify_async(sip::Message msg, time_point now, const CertificateFetch& fetch,
                                    std::function<void(PassportVerifyResult)> done) const {
  auto pre = precheck(msg, now);
  if (!pre) {
    done(failed(std::move(pre).problem()));
    return;
  }
  const std::string url = pre->url;
  fetch(url, [this, pre = std::move(*pre), now, done = std::move(done)](std::error_code ec, CertificateChain certs) {
    if (ec || !certs || certs->empty()) {
      done(failed(problem(Failure::certificate_unavailable,
                          "cannot fetch the x5u certificate" + (ec ? ": " + ec.message() : std::string()))));
      return;
    }
    done(verify_prechecked(pre, *certs, now));
  });
}

}  // namespace credsvc::identity
