// Expiry shared by the exchange trackers (subscribe_exchanges,
// publish_exchanges): every entry started before `cutoff` is removed and
// reported as expired(tag, connection).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "loadgen/run_schedule.hpp"

namespace credsvc::loadgen {

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
