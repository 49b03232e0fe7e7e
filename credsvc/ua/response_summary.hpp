#pragma once
// How the user-agent commands name a response that refused a request:
// "server answered 412 Conditional Request Failed (Warning: ...)". No I/O.

#include <string>

#include "sip/message.hpp"

namespace credsvc::ua {

// "server answered <code> <reason>", followed by " (Warning: <text>)" with
// the text of the first Warning header when there is one (the server names a
// failed RFC 6072 §8.10 check there). Control characters are replaced so the
// result stays one line.
std::string describe_refusal(const sip::Message& response);

}  // namespace credsvc::ua
