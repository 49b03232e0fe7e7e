#pragma once
// Secrets given on standard input, one per line (--password-stdin, then
// --passphrase-stdin): never on the command line, where other users could
// read them.

#include <istream>
#include <string>
#include <vector>

namespace credsvc::ua {

// Reads `count` lines, dropping a trailing CR. Throws std::runtime_error
// ("no <names[i]> on standard input") when a line is missing or empty.
std::vector<std::string> read_secret_lines(std::istream& in, const std::vector<std::string>& names);

}  // namespace credsvc::ua
