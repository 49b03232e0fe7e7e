// SUBSCRIBEs in flight (fetches and new subscriptions), keyed by Call-ID.
// One is done once its SUBSCRIBE has a 2xx and its first NOTIFY has arrived
// (RFC 6665 §4.1.2.1: the NOTIFY may even come first); it fails on a final
// non-2xx answer. Its latency runs from its start to that NOTIFY. No I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loadgen/exchange_expiry.hpp"
#include "loadgen/run_schedule.hpp"
#include "sip/message.hpp"

namespace credsvc::loadgen {

class SubscribeExchanges {
 public:
  enum class Kind {
    unrelated,  // not one of ours (or no longer)
    pending,    // one half seen; waiting for the other
    done,       // 2xx and NOTIFY: removed
    failed,     // a final non-2xx, or marked failed: removed
  };
  struct Outcome {
    Kind kind = Kind::unrelated;
    bool is_notify = false;         // the message was this exchange's first NOTIFY
    std::uint64_t tag = 0;          // the caller's values given to add()
    std::size_t connection = 0;
    Clock::time_point started{};
    Clock::time_point notified{};   // when the NOTIFY arrived (done only)
    std::string error;              // failed: "status_503", or the mark
    std::string call_id;            // done or failed
  };

  void add(std::string call_id, std::uint64_t tag, std::size_t connection, Clock::time_point started);
  // `now` is the arrival time of `message`.
  Outcome on_message(const sip::Message& message, Clock::time_point now);
  // Makes the exchange fail with `error` once both halves are in (e.g. its
  // NOTIFY failed verification). Unknown Call-IDs are ignored.
  void mark_failed(std::string_view call_id, std::string error);
  // Turns `out` (from on_message for `call_id`) into a failure with `error`:
  // at once when it was done, or once both halves are in when it is pending.
  void fail(Outcome& out, std::string_view call_id, std::string error);
  // Forgets an exchange; false when there was none.
  bool remove(std::string_view call_id);
  // Removes the exchanges started before `cutoff`; calls `expired(tag,
  // connection)` for each.
  void expire(Clock::time_point cutoff, const std::function<void(std::uint64_t, std::size_t)>& expired);
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t tag = 0;
    std::size_t connection = 0;
    Clock::time_point started{};
    std::optional<Clock::time_point> notified;
    bool answered = false;
    std::string failure;
  };
  ExchangesByCallId<Entry> entries_;
};

}  // namespace credsvc::loadgen
