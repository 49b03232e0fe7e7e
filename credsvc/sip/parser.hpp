#pragma once
// parse_message: one complete SIP message (already framed) → Message, or the
// kind of failure and a reason phrase the server can send as is.

#include <cstddef>
#include <string>
#include <string_view>

#include "sip/message.hpp"

namespace credsvc::sip {

enum class ParseErrorKind {
  None,
  Malformed,           // answer 400 with `reason` (drop it if it was a response)
  UnsupportedVersion,  // answer 505 Version Not Supported
  Unframeable,         // bad/duplicate Content-Length: on a stream, close the connection
};

struct ParseLimits {
  std::size_t max_headers = 256;
};

struct ParseResult {
  // On failure: what was parsed before the fault (start line, header fields,
  // core headers), so a 400/505 can copy the request's headers with
  // make_response. For a version error the headers are still collected.
  Message msg;
  ParseErrorKind kind = ParseErrorKind::None;
  std::string reason;         // e.g. "Missing end of headers", "Malformed CSeq header"
  std::size_t consumed = 0;   // bytes of the message; bytes after it are not part of it

  [[nodiscard]] bool ok() const noexcept { return kind == ParseErrorKind::None; }
  // 400, 505, or 0 (nothing to send: ok, or close the connection).
  [[nodiscard]] int response_status() const noexcept;
};

// The buffer is copied once; the Message shares the copy. Without a
// Content-Length the body is the rest of the buffer (datagram rule); a
// missing empty line at the very end of the buffer is tolerated likewise.
ParseResult parse_message(std::string_view wire, const ParseLimits& limits = {});
// Takes ownership of `wire` without copying.
ParseResult parse_message(std::string&& wire, const ParseLimits& limits = {});
// Disambiguates string literals (text up to the first NUL).
inline ParseResult parse_message(const char* wire, const ParseLimits& limits = {}) {
  return parse_message(std::string_view(wire), limits);
}

}  // namespace credsvc::sip
