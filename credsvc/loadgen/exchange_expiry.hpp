// What the exchange trackers (subscribe_exchanges, publish_exchanges) share:
// their map of exchanges by Call-ID, looked up by string_view without a copy,
// and its expiry: every entry started before `cutoff` is removed and reported
// as expired(tag, connection).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "loadgen/run_schedule.hpp"

namespace credsvc::loadgen {

struct CallIdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename Entry>
using ExchangesByCallId = std::unordered_map<std::string, Entry, CallIdHash, std::equal_to<>>;

template <typename Map>
void expire_started_before(Map& entries, Clock::time_point cutoff,
                           const std::function<void(std::uint64_t, std::size_t)>& expired) {
  for (auto it = entries.begin(); it != entries.end();) {
    if (it->second.started < cutoff) {
      const std::uint64_t tag = it->second.tag;
      const std::size_t connection = it->second.connection;
      it = entries.erase(it);
      expired(tag, connection);
    } else {
      ++it;
    }
  }
}

}  // namespace credsvc::loadgen
