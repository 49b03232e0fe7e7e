#include "db/random_id.hpp"

#include <random>

namespace credsvc::db {

std::string random_hex(std::size_t bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::random_device rd;
  std::uniform_int_distribution<unsigned> byte(0, 255);
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; ++i) {
    const unsigned b = byte(rd);
    out += digits[b >> 4];
    out += digits[b & 0xf];
  }
  return out;
}

}  // namespace credsvc::db
