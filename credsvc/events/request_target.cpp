#include "events/request_target.hpp"

#include <spdlog/spdlog.h>

#include "db/errors.hpp"
#include "sip/uri.hpp"

namespace credsvc::events {

std::optional<RequestTarget> resolve_target(uas::ServerTransaction& txn, const HostedDomains& domains) {
  const sip::Uri& uri = txn.request().request_uri();
  if (!uri.is_sip() || !uri.user || uri.user->empty()) {
    txn.respond(404, "Request-URI Is Not An Address Of Record");
    return std::nullopt;
  }
  RequestTarget target;
  target.aor = sip::aor_of(uri);
  const auto at = target.aor.rfind('@');
  const std::string host = at == std::string::npos ? std::string() : target.aor.substr(at + 1);
  target.domain = domains.find(host);
  if (!target.domain) {
    txn.respond(404, "Domain Not Served Here");
    return std::nullopt;
  }
  return target;
}

bool check_accept(uas::ServerTransaction& txn, std::string_view type, std::string_view subtype,
                  std::string_view accept) {
  const auto ranges = txn.request().accept();
  if (!ranges) {
    txn.respond(400, "Malformed Accept");
    return false;
  }
  if (ranges.value().empty()) return true;  // absent: the package default (RFC 6665 §7.2)
  sip::MediaType wanted;
  wanted.type = std::string(type);
  wanted.subtype = std::string(subtype);
  for (const auto& range : ranges.value()) {
    if (range.covers(wanted)) return true;
  }
  txn.respond(txn.response(406, "Not Acceptable").add("Accept", accept));
  return false;
}

std::optional<std::optional<std::uint32_t>> read_expires(uas::ServerTransaction& txn) {
  const auto expires = txn.request().expires();
  if (!expires) {
    txn.respond(400, "Malformed Expires");
    return std::nullopt;
  }
  return expires.value();
}

void respond_too_brief(uas::ServerTransaction& txn, std::uint32_t minimum) {
  txn.respond(txn.response(423, "Interval Too Brief").add("Min-Expires", std::to_string(minimum)));
}

void respond_store_error(uas::ServerTransaction& txn, std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const db::Unavailable&) {
    txn.respond(txn.response(503, "Database Unavailable").add("Retry-After", "5"));
  } catch (const db::KeyRevoked&) {
    txn.respond(403, "Key Has Been Revoked");
  } catch (const db::PreconditionFailed&) {
    txn.respond(412, "Conditional Request Failed");
  } catch (const db::NotFound&) {
    txn.respond(404, "No Credential Stored");
  } catch (const db::InvalidArgument& e) {
    spdlog::info("request refused by the store: {} (Call-ID {})", e.what(), txn.log_call_id());
    txn.respond(400, "Invalid Credential");
  } catch (const std::exception& e) {
    spdlog::error("store failure: {} (Call-ID {})", e.what(), txn.log_call_id());
    txn.respond(500, "Server Internal Error");
  }
}

}  // namespace credsvc::events
