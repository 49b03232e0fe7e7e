// Call-IDs, tags and branches for a run's requests: a random prefix drawn
// once per run and a counter. RFC 3261 §8.1.1.4/§8.1.1.7 ask for global
// uniqueness, which the prefix gives; drawing fresh randomness for every
// request would cost the generator more than building the request. No I/O.
#pragma once

#include <cstdint>
#include <string>

namespace credsvc::loadgen {

class RequestIds {
 public:
  explicit RequestIds(std::string prefix) : prefix_(std::move(prefix)) {}

  std::string call_id() { return prefix_ + "-" + std::to_string(next_++) + "@bench"; }
  std::string tag() { return prefix_ + std::to_string(next_++); }
  // With the RFC 3261 magic cookie.
  std::string branch() { return "z9hG4bK" + prefix_ + std::to_string(next_++); }

 private:
  std::string prefix_;
  std::uint64_t next_ = 0;
};

}  // namespace credsvc::loadgen
