#pragma once
// Default reason phrases for the status codes credsvc sends.

#include <string_view>

namespace credsvc::sip {

// RFC 3261 §21, RFC 3903 (412), RFC 6665 (489), RFC 4474 (428, 436-438),
// RFC 3265 (202), RFC 4412 (417); "Unknown" for anything else.
std::string_view default_reason_phrase(int status) noexcept;

}  // namespace credsvc::sip
