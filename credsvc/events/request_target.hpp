// The resource a SUBSCRIBE or PUBLISH addresses: the AOR of its Request-URI
// in a domain hosted here.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "events/hosted_domains.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::events {

struct RequestTarget {
  std::string aor;  // "user@host", the same for sip: and sips:, a GRUU's gr ignored
  std::shared_ptr<const HostedDomain> domain;
};

// nullopt after answering 404 itself (no user part, or a domain not hosted).
std::optional<RequestTarget> resolve_target(uas::ServerTransaction& txn, const HostedDomains& domains);

// Whether the request's Accept (absent: yes) covers type/subtype; when not,
// answers 406 with `accept` as our Accept.
bool check_accept(uas::ServerTransaction& txn, std::string_view type, std::string_view subtype,
                  std::string_view accept);

// The request's Expires; nullopt after answering 400 for a malformed one.
// `present` tells an absent header from a present one.
std::optional<std::optional<std::uint32_t>> read_expires(uas::ServerTransaction& txn);

// 423 Interval Too Brief with Min-Expires (RFC 6665 §4.2.1.1, RFC 3903 §6).
void respond_too_brief(uas::ServerTransaction& txn, std::uint32_t minimum);

// The answer to a store failure: Unavailable → 503 with Retry-After, the
// other db:: errors → their status, anything else → 500.
void respond_store_error(uas::ServerTransaction& txn, std::exception_ptr error);

}  // namespace credsvc::events
