#pragma once
// Canonical JSON as RFC 8225 §9 asks of PASSporT: object members ordered
// lexicographically by name (byte order of their UTF-8, which is code point
// order), no white space or line breaks, ordinary JSON string escaping.

#include <string>

#include "identity/json_value.hpp"

namespace credsvc::identity {

// Escaping: '"' and '\' with a backslash, \b \f \n \r \t by name, the other
// controls below U+0020 as \u00xx; '/' and non-ASCII UTF-8 are written as they
// are. Integers are written in shortest decimal form, other numbers as held.
void append_canonical_json(std::string& out, const JsonValue& value);
std::string canonical_json(const JsonValue& value);

// The JSON string literal for `s` with the escaping above (quotes included).
void append_json_string(std::string& out, std::string_view s);

}  // namespace credsvc::identity
