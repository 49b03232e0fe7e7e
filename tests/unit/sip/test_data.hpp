#pragma once
// Reads test material in binary mode (tests may do I/O; the library may not).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace credsvc::sip::test {

inline std::filesystem::path rfc4475_dir() { return CREDSVC_RFC4475_DIR; }

// Throws (failing the test) when the file is missing: a missing data set must
// never turn into a skipped or vacuous test.
inline std::string read_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test data " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string rfc4475(const std::string& name) { return read_binary(rfc4475_dir() / (name + ".dat")); }

}  // namespace credsvc::sip::test
