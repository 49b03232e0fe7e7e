#pragma once
// The user-agent commands' argument formats as predicates for the command
// line (CLI11 validators): each returns the reason a value is refused, or an
// empty string. No I/O.

#include <string>

namespace credsvc::ua {

std::string check_aor_argument(const std::string& value);        // user@domain, sip:, sips:
std::string check_server_argument(const std::string& value);     // HOST:PORT
std::string check_resolve_argument(const std::string& value);    // HOST:PORT:ADDR

}  // namespace credsvc::ua
