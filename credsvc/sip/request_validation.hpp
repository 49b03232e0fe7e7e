#pragma once
// Request checks after parsing (RFC 3261 §8.1.1, §8.2): mandatory headers,
// CSeq method, and the syntax of the typed headers parse_message leaves lazy.

#include <string>

#include "sip/message.hpp"

namespace credsvc::sip {

struct RequestCheck {
  bool ok = true;
  std::string reason;                // a 400 reason phrase when !ok
  bool missing_max_forwards = false; // tolerated for interop (RFC 2543 peers), reported
};

// Expects a request from parse_message. An unknown method is not an error
// here: the server answers 501 before calling this (RFC 4475 mismatch02).
RequestCheck validate_request(const Message& msg);

}  // namespace credsvc::sip
