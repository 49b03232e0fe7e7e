// The request target of an HTTP request (RFC 9112 §3.2): only origin-form is
// served. The path is percent-decoded once, and a path that could reach
// elsewhere once decoded (an encoded '/', '\', NUL or control character, a
// "." or ".." segment, an empty segment) is refused rather than normalised,
// so that no handler ever sees an ambiguous path. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace credsvc::http {

struct RequestTarget {
  std::string path;   // decoded, starts with '/'
  std::string query;  // still encoded, without '?'
};

struct TargetError {
  std::string message;  // one line, names the fault
};

std::variant<RequestTarget, TargetError> parse_request_target(std::string_view target);

}  // namespace credsvc::http
