// --aors FILE: the AORs a run spreads its requests over, one a line
// ("alice@example.test", sip: or sips:); blank lines and lines starting
// with '#' are skipped. No I/O: the caller reads the file.
#pragma once

#include <string_view>
#include <vector>

#include "ua/aor_parts.hpp"

namespace credsvc::loadgen {

// Throws std::invalid_argument("line N: 'x' is not an address-of-record
// (user@domain)"), or "no AOR in the list" when nothing is left.
std::vector<ua::AorParts> parse_aor_list(std::string_view text);

}  // namespace credsvc::loadgen
