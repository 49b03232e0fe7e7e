// HTTPS requests by method and status code, for /metrics.
#pragma once

#include "http/http_message.hpp"

namespace credsvc::http {

// Methods other than the ones the server routes are counted as "other", so a
// client cannot grow the label set.
void count_request(Verb method, unsigned status);

}  // namespace credsvc::http
