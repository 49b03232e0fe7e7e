#pragma once
// multipart/mixed bodies (RFC 2046 §5.1) with binary parts: content may hold
// any byte, CRLF and NUL included.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sip/media_type.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct BodyPart {
  // Part headers as (name, value) views into the body; values may still hold
  // folded CRLFs, which the typed grammars treat as white space.
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::optional<MediaType> content_type;
  std::optional<ContentDisposition> disposition;
  std::string_view content;  // a view into the body passed to parse_multipart
};

// Splits `body` at `boundary` (from Content-Type's boundary parameter).
// The preamble and epilogue are ignored. Content-Transfer-Encoding must be an
// identity encoding (binary, or the equivalent 8bit/7bit labels); anything else
// (base64, quoted-printable, ...) is rejected by name.
Result<std::vector<BodyPart>> parse_multipart(std::string_view body, std::string_view boundary);

struct PartSpec {
  std::string content_type;         // required
  std::string content_disposition;  // omitted when empty
  std::vector<std::pair<std::string, std::string>> extra_headers;
  std::string content;
};

struct BuiltMultipart {
  std::string boundary;
  std::string content_type;  // "multipart/mixed;boundary=..."
  std::string body;
};

// Picks a boundary that occurs in no part, then writes the parts. Throws
// std::invalid_argument on a header value holding CR or LF.
BuiltMultipart build_multipart(const std::vector<PartSpec>& parts);

}  // namespace credsvc::sip
