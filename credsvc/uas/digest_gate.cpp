#include "uas/digest_gate.hpp"

#include <spdlog/spdlog.h>

#include "metrics/registry.hpp"

namespace credsvc::uas {
namespace {

// Answers every outcome but ok. The reason is fixed text from the
// authenticator (never client bytes or secrets).
void refuse(auth::DigestAuthenticator& authenticator, const std::shared_ptr<ServerTransaction>& txn,
            const std::string& realm, const auth::Outcome& outcome) {
  const int code = outcome.response_code(authenticator.options().proxy);
  spdlog::info("digest: {} for Call-ID {} ({})", auth::to_string(outcome.status),
               txn->request().call_id().value_or(std::string_view("?")), outcome.reason);
  static auto& refused = metrics::default_registry().counter(
      "credsvc_digest_refusals_total", "requests refused by Digest authentication, by outcome (RFC 3261 §22)",
      {"outcome"});
  refused.with({std::string(auth::to_string(outcome.status))}).inc();
  if (outcome.wants_challenge()) {
    auto response = txn->response(code, code == 407 ? "Proxy Authentication Required" : "Unauthorized");
    for (const auto& value : authenticator.challenges(realm, std::chrono::system_clock::now(), outcome.stale())) {
      response.add(authenticator.challenge_header_name(), value);
    }
    txn->respond(response);
  } else if (code == 503) {
    txn->respond(txn->response(503, "Too Many Failed Attempts")
                     .add("Retry-After", std::to_string(outcome.retry_after.count())));
  } else if (code == 400) {
    txn->respond(400, outcome.reason);
  } else {
    txn->respond(403, "Forbidden");
  }
}

}  // namespace

DigestGate::DigestGate(std::shared_ptr<auth::DigestAuthenticator> authenticator, Ha1Lookup lookup)
    : authenticator_(std::move(authenticator)), lookup_(std::move(lookup)) {}

void DigestGate::authenticate(const std::shared_ptr<ServerTransaction>& txn, const std::string& domain,
                              const std::string& realm, Next next) {
  const auto now = std::chrono::system_clock::now();
  auto pre = authenticator_->parse_and_precheck(txn->request(), realm, now,
                                                txn->connection()->remote().address().to_string());
  if (const auto* early = std::get_if<auth::Outcome>(&pre)) {
    refuse(*authenticator_, txn, realm, *early);
    return;
  }
  auto pending = std::get<auth::PendingCheck>(std::move(pre));
  lookup_(pending, domain,
          [authenticator = authenticator_, txn, realm, pending, next = std::move(next)](
              std::exception_ptr error, std::optional<auth::UserHa1> ha1) {
            if (error) {
              spdlog::warn("digest: credentials of a request could not be fetched; answering 503");
              txn->respond(txn->response(503, "Service Unavailable").add("Retry-After", "5"));
              return;
            }
            const auto outcome = authenticator->finish(pending, ha1, std::chrono::system_clock::now());
            if (outcome.ok()) {
              next(outcome);
            } else {
              refuse(*authenticator, txn, realm, outcome);
            }
          });
}

}  // namespace credsvc::uas
