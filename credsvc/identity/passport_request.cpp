#include "identity/passport_request.hpp"

#include <chrono>
#include <vector>

#include "identity/digest_string.hpp"
#include "identity/telephone_number.hpp"
#include "sip/grammar.hpp"
#include "sip/name_addr.hpp"

namespace credsvc::identity {
namespace {

Problem problem(Failure f, std::string detail) { return Problem{f, std::move(detail)}; }

// P-Asserted-Identity URIs (RFC 3325 §9.1: up to one sip/sips and one tel).
std::vector<sip::Uri> asserted_identities(const sip::Message& msg) {
  std::vector<sip::Uri> out;
  for (std::string_view line : msg.headers("P-Asserted-Identity")) {
    sip::grammar::ListSplitter split(line);
    std::string_view element;
    bool malformed = false;
    while (split.next(element, malformed) && !malformed) {
      auto na = sip::parse_name_addr(element);
      if (na) out.push_back(std::move(na->uri));
    }
  }
  return out;
}

std::vector<sip::Uri> originators(const sip::Message& msg) {
  std::vector<sip::Uri> out = asserted_identities(msg);
  if (out.empty() && msg.from() != nullptr) out.push_back(msg.from()->uri);
  return out;
}

bool same_address(std::string_view claim_uri, const sip::Uri& uri) {
  const auto parsed = sip::parse_uri(claim_uri);
  return parsed && sip::aor_of(*parsed) == sip::aor_of(uri);
}

}  // namespace

Checked<PassportClaims> claims_from_request(const sip::Message& msg) {
  if (msg.from() == nullptr) return problem(Failure::missing_signed_header, "From header missing or malformed");
  if (msg.to() == nullptr) return problem(Failure::missing_signed_header, "To header missing or malformed");
  PassportClaims c;
  for (const sip::Uri& uri : originators(msg)) {
    if (auto tn = telephone_number_of(uri)) {
      c.orig.tn = std::move(*tn);
      break;
    }
  }
  if (!c.orig.tn) {
    const std::string_view raw = raw_addr_spec(*msg.header(sip::HeaderId::From));
    if (raw.empty()) return problem(Failure::missing_signed_header, "From header malformed");
    c.orig.uri = std::string(raw);
  }
  if (auto tn = telephone_number_of(msg.to()->uri)) {
    c.dest.tn.push_back(std::move(*tn));
  } else {
    const std::string_view raw = raw_addr_spec(*msg.header(sip::HeaderId::To));
    if (raw.empty()) return problem(Failure::missing_signed_header, "To header malformed");
    c.dest.uri.emplace_back(raw);
  }
  if (msg.count(sip::HeaderId::Date) == 0) return problem(Failure::missing_date, "no Date header");
  const auto date = msg.date();
  if (!date) return problem(Failure::missing_date, "Date header: " + date.error());
  c.iat = std::chrono::duration_cast<std::chrono::seconds>((**date).time_since_epoch()).count();
  return c;
}

std::optional<Problem> check_request_identity(const PassportClaims& claims, const sip::Message& msg) {
  if (msg.from() == nullptr || msg.to() == nullptr) {
    return problem(Failure::missing_signed_header, "From or To header missing or malformed");
  }
  bool orig_ok = false;
  for (const sip::Uri& uri : originators(msg)) {
    if (claims.orig.tn) {
      const auto tn = telephone_number_of(uri);
      orig_ok = tn && *tn == *claims.orig.tn;
    } else if (claims.orig.uri) {
      orig_ok = same_address(*claims.orig.uri, uri);
    }
    if (orig_ok) break;
  }
  if (!orig_ok) return problem(Failure::identity_mismatch, "PASSporT orig does not match the request's originator");

  const sip::Uri& to = msg.to()->uri;
  bool dest_ok = false;
  if (const auto tn = telephone_number_of(to)) {
    for (const std::string& t : claims.dest.tn) dest_ok = dest_ok || t == *tn;
  }
  for (const std::string& u : claims.dest.uri) dest_ok = dest_ok || same_address(u, to);
  if (!dest_ok) return problem(Failure::identity_mismatch, "PASSporT dest does not include the request's To");
  return std::nullopt;
}

}  // namespace credsvc::identity
