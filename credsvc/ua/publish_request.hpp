#pragma once
// PUBLISH of a credential (RFC 3903, RFC 6072 §8.9): a new publication, a
// conditional replacement (SIP-If-Match), or the removal that revokes
// (empty body, Expires: 0). No I/O.

#include <cstdint>
#include <optional>
#include <string>

#include "ua/aor_parts.hpp"
#include "ua/outgoing_request.hpp"

namespace credsvc::ua {

struct PublishSpec {
  AorParts aor;                         // Request-URI, From and To
  std::uint32_t expires = 86400;
  std::optional<std::string> if_match;  // SIP-If-Match: the ETag of our last publication
  std::string content_type;             // empty with an empty body
  std::string body;
};

OutgoingRequest make_publish(const PublishSpec& spec, const std::string& call_id, const std::string& from_tag,
                             std::uint32_t cseq);

// RFC 6072 §8.9 / RFC 3903 §4.6: removal is Expires: 0 with no body; we
// send no SIP-If-Match so it revokes whatever is published now.
PublishSpec revoke_spec(const AorParts& aor);

}  // namespace credsvc::ua
