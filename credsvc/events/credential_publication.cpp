#include "events/credential_publication.hpp"

#include <spdlog/spdlog.h>

#include "db/credential_table.hpp"
#include "db/errors.hpp"
#include "events/credential_package.hpp"
#include "events/entity_tag.hpp"
#include "events/expires_policy.hpp"
#include "events/publication_body.hpp"
#include "events/request_target.hpp"

namespace credsvc::events {

struct CredentialPublication::Request {
  RequestTarget target;
  std::optional<std::uint32_t> expires;
  std::optional<std::string> if_match;
  std::string actor;
};

namespace {

void respond_rejection(uas::ServerTransaction& txn, const Rejection& rejection, const std::string& agent) {
  auto response = txn.response(rejection.status, rejection.reason);
  if (rejection.status == 415) response.add("Accept", publication_accept);
  if (!rejection.warning.empty()) {
    // RFC 3261 §20.43: 399 is the miscellaneous warning; the text names the failed check.
    std::string text;
    for (const char c : rejection.warning) text += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
    response.add("Warning", "399 " + agent + " \"" + text + "\"");
  }
  txn.respond(response);
}

}  // namespace

void CredentialPublication::handle(std::shared_ptr<uas::ServerTransaction> txn) const {
  auto target = resolve_target(*txn, *ctx_.domains);
  if (!target) return;
  const auto& msg = txn->request();
  if (msg.body().size() > ctx_.options.max_publication_size) {
    txn->respond(413, "Publication Too Large");
    return;
  }
  const auto expires = read_expires(*txn);
  if (!expires) return;
  const auto if_match = msg.sip_if_match();
  if (!if_match) {
    txn->respond(400, "Malformed SIP-If-Match");
    return;
  }
  Request request{std::move(*target), *expires, if_match.value(), {}};
  ctx_.gate->authenticate(txn, request.target.domain->name, request.target.domain->realm,
                          [self = *this, txn, request](const auth::Outcome& who) mutable {
                            if (!check_owner(*txn, who.aor, request.target.aor)) return;
                            request.actor = "user:" + request.target.aor;
                            const bool empty = txn->request().body().empty();
                            if (!empty) {
                              self.store(txn, request);
                            } else if (request.if_match && request.expires.value_or(1) != 0) {
                              self.refresh(txn, request);
                            } else {
                              self.revoke(txn, request);
                            }
                          });
}

void CredentialPublication::store(const std::shared_ptr<uas::ServerTransaction>& txn, const Request& request) const {
  if (request.expires && *request.expires == 0) {
    txn->respond(400, "Removal Must Not Carry A Body");
    return;
  }
  const auto now = std::chrono::system_clock::now();
  auto decoded = decode_publication(txn->request(), request.target.aor, now);
  if (const auto* rejection = std::get_if<Rejection>(&decoded)) {
    spdlog::info("PUBLISH for {} refused: {} {}{}{} (Call-ID {})", request.target.aor, rejection->status,
                 rejection->reason, rejection->warning.empty() ? "" : ": ", rejection->warning, txn->log_call_id());
    respond_rejection(*txn, *rejection, request.target.domain->name);
    return;
  }
  auto& publication = std::get<DecodedPublication>(decoded);
  // RFC 6072 §8.9: a publication never outlives its certificate.
  const auto decision =
      decide_expires(request.expires, ctx_.options.publication, seconds_until(publication.not_after, now));
  if (decision.too_brief) return respond_too_brief(*txn, ctx_.options.publication.minimum);

  db::Credential credential;
  credential.aor = request.target.aor;
  credential.certificate_der = std::move(publication.certificate_der);
  credential.pkcs8_der = std::move(publication.pkcs8_der);
  credential.spki_sha256 = publication.spki_sha256;
  credential.not_before = publication.not_before;
  credential.not_after = publication.not_after;
  credential.etag = new_entity_tag();
  credential.publication_expires = now + std::chrono::seconds(decision.granted);
  const bool with_key = credential.pkcs8_der.has_value();
  ctx_.store->async_put_credential(
      std::move(credential), request.actor, request.if_match,
      [ctx = ctx_, txn, aor = request.target.aor, granted = decision.granted, with_key,
       fingerprint = publication.fingerprint_sha256](std::exception_ptr error, db::Credential stored) {
        if (error) return respond_store_error(*txn, error);
        // Committed: RFC 3903 §6 step 8.
        txn->respond(txn->response(200, "OK").add("SIP-ETag", stored.etag).add("Expires", std::to_string(granted)));
        spdlog::info("credential of {} published: certificate {}{}, version {} (Call-ID {})", aor, fingerprint,
                     with_key ? " with key" : "", stored.version, txn->log_call_id());
        ctx.fanout->credential_changed(aor);
      });
}

void CredentialPublication::refresh(const std::shared_ptr<uas::ServerTransaction>& txn,
                                    const Request& request) const {
  const auto decision = decide_expires(request.expires, ctx_.options.publication);
  if (decision.too_brief) return respond_too_brief(*txn, ctx_.options.publication.minimum);
  struct Refreshed {
    db::Credential credential;
    std::uint32_t granted = 0;
  };
  ctx_.store->async_run(
      [aor = request.target.aor, if_match = *request.if_match, actor = request.actor,
       wanted = decision.granted](pqxx::work& tx) {
        const auto current = db::get_credential(tx, aor);
        // RFC 3903 §6 step 4: an unknown entity-tag is a failed condition.
        if (!current || current->etag != if_match) throw db::PreconditionFailed("entity-tag does not match");
        const auto now = std::chrono::system_clock::now();
        const auto granted = std::min(wanted, seconds_until(current->not_after, now));
        return Refreshed{db::refresh_publication(tx, aor, if_match, new_entity_tag(),
                                                 now + std::chrono::seconds(granted), actor),
                         granted};
      },
      [ctx = ctx_, txn, aor = request.target.aor](std::exception_ptr error, Refreshed refreshed) {
        if (error) return respond_store_error(*txn, error);
        txn->respond(txn->response(200, "OK")
                         .add("SIP-ETag", refreshed.credential.etag)
                         .add("Expires", std::to_string(refreshed.granted)));
        ctx.fanout->credential_changed(aor);  // the etag credential subscribers hold has changed
      });
}

void CredentialPublication::revoke(const std::shared_ptr<uas::ServerTransaction>& txn, const Request& request) const {
  ctx_.store->async_run(
      [aor = request.target.aor, if_match = request.if_match, actor = request.actor](pqxx::work& tx) {
        const auto current = db::get_credential(tx, aor);
        if (!current) {
          if (if_match) throw db::PreconditionFailed("entity-tag does not match");
          throw db::NotFound("no credential stored for " + aor);
        }
        if (if_match && current->etag != *if_match) throw db::PreconditionFailed("entity-tag does not match");
        return db::revoke_credential(tx, aor, "revoked by its owner", actor).value_or(db::Credential{});
      },
      [ctx = ctx_, txn, aor = request.target.aor](std::exception_ptr error, db::Credential revoked) {
        if (error) return respond_store_error(*txn, error);
        txn->respond(txn->response(200, "OK").add("Expires", "0"));
        spdlog::info("credential of {} revoked by its owner: key {} may never be published again (Call-ID {})", aor,
                     revoked.spki_sha256, txn->log_call_id());
        ctx.fanout->credential_changed(aor);
      });
}

}  // namespace credsvc::events
