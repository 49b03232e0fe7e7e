// SIP requests by method and final responses by method and code, for
// /metrics. Extension methods are counted as "other" so that a client cannot
// grow the label set.
#pragma once

#include <string_view>

#include "sip/message.hpp"

namespace credsvc::uas {

void count_request(const sip::Message& request);
// `response` is the serialised response ("SIP/2.0 200 OK\r\n...").
void count_response(const sip::Message& request, std::string_view response);
// A message that could not be parsed (answered 400 or dropped).
void count_unparseable();

}  // namespace credsvc::uas
