#include "events/certificate_package.hpp"

#include "events/expires_policy.hpp"
#include "events/request_target.hpp"
#include "events/resource_states.hpp"

namespace credsvc::events {

void CertificatePackage::on_subscribe(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) {
  const auto target = resolve_target(*txn, *ctx_.domains);
  if (!target) return;
  if (!check_accept(*txn, "application", "pkix-cert", "application/pkix-cert")) return;
  const auto requested = read_expires(*txn);
  if (!requested) return;
  const auto decision = decide_expires(*requested, ctx_.options.certificate);
  if (decision.too_brief) return respond_too_brief(*txn, ctx_.options.certificate.minimum);
  if (!target->domain->signer) {
    // Unsigned NOTIFYs would be worthless to a UA (§10.3): refuse instead.
    txn->respond(503, "No Authentication Service For This Domain");
    return;
  }
  const bool in_dialog = Notifier::dialog_key(txn->request()).has_value();
  if (!in_dialog) {
    if (const auto refusal = ctx_.notifier->admit(txn->connection()->id(), target->aor)) {
      txn->respond(txn->response(refusal->status, refusal->reason).add("Retry-After", "60"));
      return;
    }
  }
  ctx_.cache->get(target->aor, txn->connection()->strand(),
                  [ctx = ctx_, txn, target = *target, granted = decision.granted, in_dialog](
                                   std::exception_ptr error, CredentialCache::Entry entry) {
    if (error) return respond_store_error(*txn, error);
    auto state = certificate_state(entry.get());
    if (in_dialog) {
      ctx.notifier->refresh(txn, PackageKind::certificate, target.aor, granted, std::move(state));
    } else {
      ctx.notifier->subscribe(txn, NewSubscription{PackageKind::certificate, target.aor, target.domain, granted, {}},
                              std::move(state));
      if (granted != 0) ctx.fanout->subscribed(target.aor, PackageKind::certificate);
    }
  });
}

void CertificatePackage::on_publish(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) {
  // RFC 3903 §6 step 2: the package does not accept PUBLISH.
  txn->respond(txn->response(489, "Bad Event").add("Allow-Events", "credential"));
}

}  // namespace credsvc::events
