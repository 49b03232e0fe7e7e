#pragma once
// File convenience for callers of the certs library (CLI, start-up). Kept apart
// from parsing and crypto, which never touch files.

#include "certs/bytes.hpp"

#include <filesystem>
#include <string>

namespace credsvc::certs {

// Whole file contents. Throws Error("cannot read FILE: No such file or directory").
Bytes read_file(const std::filesystem::path& path);
std::string read_text_file(const std::filesystem::path& path);

// Replaces the file. `private_data` (keys) creates it with mode 0600 from the
// start, so the key is never readable by others even briefly.
// Throws Error("cannot write FILE: <strerror>").
void write_file(const std::filesystem::path& path, ByteView data, bool private_data = false);

}  // namespace credsvc::certs
