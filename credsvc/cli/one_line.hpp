// Error messages from libraries (libpq above all) span several lines; the
// command line promises one.
#pragma once

#include <string>
#include <string_view>

namespace credsvc::cli {

// The first non-empty line of `text`, trimmed.
std::string one_line(std::string_view text);

}  // namespace credsvc::cli
