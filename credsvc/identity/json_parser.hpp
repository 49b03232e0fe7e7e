#pragma once
// A strict RFC 8259 JSON parser for PASSporT headers and payloads (untrusted
// input): UTF-8 is validated, lone surrogates, raw control characters,
// duplicate object keys, trailing text and nesting deeper than a small limit
// are all rejected. No I/O, no exceptions on bad input.

#include <cstddef>
#include <string>
#include <string_view>

#include "identity/json_value.hpp"
#include "sip/result.hpp"

namespace credsvc::identity {

struct JsonLimits {
  std::size_t max_depth = 16;
};

// The error names the fault and its byte offset ("duplicate key \"iat\" at 40").
sip::Result<JsonValue> parse_json(std::string_view text, const JsonLimits& limits = {});

}  // namespace credsvc::identity
