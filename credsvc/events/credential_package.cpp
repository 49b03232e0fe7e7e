#include "events/credential_package.hpp"

#include "certs/aor.hpp"
#include "db/credential_table.hpp"
#include "db/user_table.hpp"
#include "events/expires_policy.hpp"
#include "events/request_target.hpp"
#include "events/resource_states.hpp"

namespace credsvc::events {

bool check_owner(uas::ServerTransaction& txn, const std::string& authenticated_aor, const std::string& target_aor) {
  if (certs::same_aor(authenticated_aor, target_aor)) return true;
  // RFC 6072 §8.5: only the AOR's own user.
  txn.respond(403, "Only The Owner May Access This Credential");
  return false;
}

namespace {

struct OwnerView {
  std::optional<db::User> user;
  std::optional<db::Credential> credential;
};

}  // namespace

void CredentialPackage::on_subscribe(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) {
  const auto target = resolve_target(*txn, *ctx_.domains);
  if (!target) return;
  if (!check_accept(*txn, "multipart", "mixed", "multipart/mixed")) return;
  const auto requested = read_expires(*txn);
  if (!requested) return;
  if (decide_expires(*requested, ctx_.options.credential).too_brief) {
    return respond_too_brief(*txn, ctx_.options.credential.minimum);
  }
  if (!target->domain->signer) {
    txn->respond(503, "No Authentication Service For This Domain");
    return;
  }
  const bool in_dialog = Notifier::dialog_key(txn->request()).has_value();
  ctx_.gate->authenticate(txn, target->domain->name, target->domain->realm, [ctx = ctx_, txn, target = *target,
                                                                             requested = *requested,
                                                                             in_dialog](const auth::Outcome& who) {
    if (!check_owner(*txn, who.aor, target.aor)) return;
    if (!in_dialog) {
      if (const auto refusal = ctx.notifier->admit(txn->connection()->id(), target.aor)) {
        txn->respond(txn->response(refusal->status, refusal->reason).add("Retry-After", "60"));
        return;
      }
    }
    ctx.store->async_run(
        [aor = target.aor](pqxx::work& tx) {
          return OwnerView{db::get_user(tx, aor), db::get_credential(tx, aor)};
        },
        [ctx, txn, target, requested, in_dialog](std::exception_ptr error, OwnerView view) {
          if (error) return respond_store_error(*txn, error);
          if (!view.user || !view.user->enabled) {
            txn->respond(403, "Account Disabled");
            return;
          }
          if (!view.credential) {
            txn->respond(404, "No Credential Stored");
            return;
          }
          // RFC 6072 §8.4: never beyond the certificate's notAfter.
          const auto cap = seconds_until(view.credential->not_after, std::chrono::system_clock::now());
          const auto decision = decide_expires(requested, ctx.options.credential, cap);
          auto state = credential_state(*view.credential);
          if (in_dialog) {
            ctx.notifier->refresh(txn, PackageKind::credential, target.aor, decision.granted, std::move(state));
          } else {
            ctx.notifier->subscribe(txn,
                                    NewSubscription{PackageKind::credential, target.aor, target.domain,
                                                    decision.granted, owner_stamp(*view.user)},
                                    std::move(state));
            if (decision.granted != 0) ctx.fanout->subscribed(target.aor, PackageKind::credential);
          }
        });
  });
}

}  // namespace credsvc::events
