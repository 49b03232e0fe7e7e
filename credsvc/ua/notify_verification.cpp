#include "ua/notify_verification.hpp"

#include "certs/aor.hpp"
#include "certs/error.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "ua/credential_body.hpp"

namespace credsvc::ua {
namespace {

NotifyVerdict failure(NotifyVerdict v, NotifyCheck check, std::string reason) {
  v.failed = check;
  v.reason = std::move(reason);
  v.certificate.reset();
  v.pkcs8_der.reset();
  return v;
}

}  // namespace

std::string_view to_string(NotifyCheck check) noexcept {
  switch (check) {
    case NotifyCheck::none: return "none";
    case NotifyCheck::not_a_notify: return "not_a_notify";
    case NotifyCheck::from_mismatch: return "from_mismatch";
    case NotifyCheck::identity_invalid: return "identity_invalid";
    case NotifyCheck::no_certificate: return "no_certificate";
    case NotifyCheck::malformed_body: return "malformed_body";
    case NotifyCheck::not_yet_valid: return "not_yet_valid";
    case NotifyCheck::expired: return "expired";
    case NotifyCheck::aor_not_named: return "aor_not_named";
  }
  return "unknown";
}

std::optional<std::string> identity_info_url(const sip::Message& notify) {
  const auto info = notify.identity_info();
  if (!info || !*info) return std::nullopt;
  return (*info)->uri;
}

NotifyVerdict verify_notify(const sip::Message& notify, std::string_view subscribed_aor,
                            std::span<const certs::Certificate> identity_chain, const NotifyTrust& trust,
                            std::chrono::system_clock::time_point now) {
  identity::Rfc4474VerifyOptions options;
  options.trust_anchors = trust.trust_anchors;
  options.allowed_info_hosts = trust.allowed_info_hosts;
  options.date_window = trust.date_window;
  // Each call stands alone; the caller keeps the dialog's CSeq order.
  options.max_replay_entries = 0;
  // Throws std::invalid_argument on empty anchors or hosts: a caller's bug.
  const identity::Rfc4474Verifier verifier(std::move(options));

  NotifyVerdict v;
  if (!notify.is_request() || notify.method() != sip::Method::Notify || notify.from() == nullptr) {
    return failure(std::move(v), NotifyCheck::not_a_notify, "not a NOTIFY request");
  }

  // 1. The From must be the original URI subscribed to.
  const std::string from_uri = sip::to_string(notify.from()->uri);
  if (!certs::same_aor(from_uri, subscribed_aor)) {
    return failure(std::move(v), NotifyCheck::from_mismatch,
                   "NOTIFY From " + from_uri + " is not the AOR subscribed to (RFC 6072 §10.3)");
  }
  v.asserted_aor = certs::canonical_aor(from_uri);

  // 2. Identity: the authentication service of the From's domain vouches for
  // the From and the body.
  const identity::VerifyResult id = verifier.verify(notify, identity_chain, now);
  if (!id.ok()) {
    v.identity_failure = id.failure;
    return failure(std::move(v), NotifyCheck::identity_invalid,
                   "Identity not valid: " + id.detail + " (" + std::to_string(id.status()) + " " +
                       std::string(id.reason()) + ")");
  }

  const auto body = parse_credential_body(notify);
  if (!body) return failure(std::move(v), NotifyCheck::malformed_body, "NOTIFY body: " + body.error());
  if (body->empty()) return failure(std::move(v), NotifyCheck::no_certificate, "AOR has no certificate");
  std::optional<certs::Certificate> cert;
  try {
    cert = certs::Certificate::from_der(*body->certificate_der);
  } catch (const certs::Error& e) {
    return failure(std::move(v), NotifyCheck::malformed_body, std::string("NOTIFY body: ") + e.what());
  }

  // 3. Validity, both ends.
  if (now < cert->not_before()) {
    return failure(std::move(v), NotifyCheck::not_yet_valid, "certificate not valid yet (notBefore in the future)");
  }
  if (now > cert->not_after()) {
    return failure(std::move(v), NotifyCheck::expired, "certificate expired (notAfter in the past)");
  }

  // 4. The certificate must name the asserted AOR; its other SANs are not
  // ours to use.
  bool named = false;
  for (const auto& uri : cert->san_uris()) named = named || certs::same_aor(uri, v.asserted_aor);
  if (!named) {
    return failure(std::move(v), NotifyCheck::aor_not_named,
                   "certificate's SubjectAltName URIs do not name sip:" + v.asserted_aor);
  }

  v.certificate = std::move(cert);
  v.pkcs8_der = body->pkcs8_der;
  return v;
}

}  // namespace credsvc::ua
