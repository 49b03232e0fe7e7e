#pragma once
// Headers made of tokens: option-tag lists (Supported, Require, Unsupported,
// Proxy-Require), Allow, Allow-Events, SIP-ETag / SIP-If-Match (RFC 3903 §11.3)
// and Call-ID (RFC 3261 §20.8).

#include <string>
#include <string_view>
#include <vector>

#include "sip/result.hpp"

namespace credsvc::sip {

// A comma-separated list of tokens; an empty value is an empty list.
Result<std::vector<std::string>> parse_token_list(std::string_view value);
// Allow-Events: event-type = event-package *( "." event-template ).
Result<std::vector<std::string>> parse_event_type_list(std::string_view value);
// entity-tag = token.
Result<std::string> parse_entity_tag(std::string_view value);
// callid = word [ "@" word ].
bool is_valid_call_id(std::string_view value) noexcept;

}  // namespace credsvc::sip
