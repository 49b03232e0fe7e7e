#include "uas/stir_redirect.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "identity/origid.hpp"
#include "identity/telephone_number.hpp"
#include "sip/name_addr.hpp"

namespace credsvc::uas {
namespace {

// The address of record of a sip:/sips: URI as a PASSporT "uri" claim.
std::optional<std::string> uri_claim(const sip::Uri& uri) {
  if (!uri.is_sip() || !uri.user) return std::nullopt;
  return "sip:" + std::string(*uri.user) + "@" + std::string(uri.host);
}

}  // namespace

StirRedirect::StirRedirect(std::shared_ptr<const identity::PassportSigner> signer, StirRedirectOptions options)
    : signer_(std::move(signer)), options_(std::move(options)) {
  if (options_.attest != "A" && options_.attest != "B" && options_.attest != "C") {
    throw std::invalid_argument("attestation level must be A, B or C, not '" + options_.attest + "'");
  }
}

bool StirRedirect::trusted(const transport::Connection& connection) const {
  if (options_.trust_verified_client_certificates && connection.peer_verified()) return true;
  const auto address = connection.remote().address();
  return std::find(options_.trusted_addresses.begin(), options_.trusted_addresses.end(), address) !=
         options_.trusted_addresses.end();
}

void StirRedirect::handle(const std::shared_ptr<ServerTransaction>& txn) const {
  if (!trusted(*txn->connection())) {
    spdlog::info("STIR: INVITE from untrusted peer {} refused (Call-ID {})", txn->connection()->remote_text(),
                 txn->log_call_id());
    txn->respond(403, "Not a Trusted Peer");
    return;
  }
  const sip::Message& req = txn->request();
  // RFC 8224 §5: the originator is P-Asserted-Identity when present, else From.
  const sip::Uri* orig_uri = &req.from()->uri;
  std::optional<sip::NameAddr> pai;
  if (const auto value = req.header("P-Asserted-Identity")) {
    auto parsed = sip::parse_name_addr_list(*value);
    if (!parsed || parsed->empty()) {
      txn->respond(400, "Malformed P-Asserted-Identity header");
      return;
    }
    pai = parsed->front();
    orig_uri = &pai->uri;
  }
  identity::PassportClaims claims;
  if (auto tn = identity::telephone_number_of(*orig_uri)) {
    claims.orig.tn = std::move(tn);
  } else if (auto uri = uri_claim(*orig_uri)) {
    claims.orig.uri = std::move(uri);
  } else {
    txn->respond(400, "No originating identity to sign");
    return;
  }
  const sip::Uri& to_uri = req.to()->uri;
  if (auto tn = identity::telephone_number_of(to_uri)) {
    claims.dest.tn.push_back(std::move(*tn));
  } else if (auto uri = uri_claim(to_uri)) {
    claims.dest.uri.push_back(std::move(*uri));
  } else {
    txn->respond(400, "No destination identity to sign");
    return;
  }
  claims.iat = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                   .count();
  claims.attest = options_.attest;
  claims.origid = identity::random_origid();
  std::string identity_value;
  try {
    identity_value = signer_->identity(claims);
  } catch (const std::invalid_argument& e) {
    txn->respond(400, "Cannot sign this request");
    return;
  }
  // The redirect target is the Request-URI itself: the peer re-sends the
  // INVITE there with the Identity header added.
  txn->respond(txn->response(302, "Moved Temporarily")
                   .add("Contact", "<" + std::string(req.request_uri_text()) + ">")
                   .add("Identity", identity_value));
}

}  // namespace credsvc::uas
