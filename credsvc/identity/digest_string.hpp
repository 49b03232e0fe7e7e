#pragma once
// The RFC 4474 §9 digest-string, the text an Identity signature covers:
//
//   addr-spec "|" addr-spec "|" callid "|" 1*DIGIT SP Method "|" SIP-date "|"
//   [ addr-spec ] "|" message-body
//
// taken from From, To, Call-ID, CSeq, Date, Contact (empty when absent) and the
// body, byte for byte (CRLFs, NULs and any binary included).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "sip/message.hpp"
#include "sip/result.hpp"

namespace credsvc::identity {

struct DigestStringParts {
  std::string_view from_addr_spec;     // the URI of From, no display name, <> or parameters
  std::string_view to_addr_spec;       // likewise for To
  std::string_view call_id;
  std::uint32_t cseq_number = 0;
  std::string_view cseq_number_text;   // when not empty, used instead of cseq_number (digits as received)
  std::string_view cseq_method;
  std::string_view date;               // the Date header value exactly as sent (RFC 1123, GMT)
  std::string_view contact_addr_spec;  // empty when the request has no Contact
  std::string_view body;
};

// The pieces whose concatenation is the digest-string, so a signer can feed
// them to the digest without building the string. Views into `parts` and
// `number_buffer` (which receives the CSeq digits when they are not given as text).
using DigestPieces = std::array<std::string_view, 15>;
DigestPieces digest_pieces(const DigestStringParts& parts, std::array<char, 10>& number_buffer) noexcept;

std::string digest_string(const DigestStringParts& parts);

// The parts of a received request; views into `msg`'s buffer, valid while
// `msg` (or a copy of it) lives. Each addr-spec is the URI exactly as it
// appears in its header. Errors name the header: "From header missing",
// "Date header missing", "more than one Contact", ...
sip::Result<DigestStringParts> digest_parts(const sip::Message& msg);
sip::Result<std::string> digest_string(const sip::Message& msg);

// The addr-spec inside one name-addr / addr-spec header element as it
// appears on the wire: between < > when bracketed (skipping a quoted display
// name that may hold '<'), else up to the first ';'. Empty on malformed text.
std::string_view raw_addr_spec(std::string_view element) noexcept;

}  // namespace credsvc::identity
