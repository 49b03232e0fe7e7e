// Authenticated PUBLISHes in flight, keyed by Call-ID (RFC 3903 with SIP
// Digest, RFC 3261 §22.2): each is sent without credentials, answered 401
// with a challenge, sent again with Authorization (same Call-ID, CSeq + 1)
// and done at its 2xx. Pure: the caller sends the bytes it is given.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "loadgen/exchange_expiry.hpp"
#include "loadgen/request_ids.hpp"
#include "loadgen/run_schedule.hpp"
#include "sip/message.hpp"
#include "ua/outgoing_request.hpp"
#include "ua/publish_request.hpp"
#include "ua/user_agent.hpp"

namespace credsvc::loadgen {

class PublishExchanges {
 public:
  enum class Kind {
    unrelated,  // not one of ours
    pending,    // a provisional response
    resend,     // challenged: send `bytes`
    done,       // 2xx: removed
    failed,     // anything else, or a second challenge: removed
  };
  struct Outcome {
    Kind kind = Kind::unrelated;
    std::uint64_t tag = 0;
    std::size_t connection = 0;
    Clock::time_point started{};
    std::string bytes;  // resend
    std::string error;  // failed: "status_403", "challenge" (unanswerable 401)
    std::string etag;   // done: the SIP-ETag, when present
  };

  // The first request of a new exchange (no credentials). `login` must
  // outlive the exchange.
  std::string begin(std::uint64_t tag, std::size_t connection, const ua::PublishSpec& spec, const ua::DigestLogin& login, RequestIds& ids,
                    const ua::LocalAddress& local, Clock::time_point started);
  Outcome on_response(const sip::Message& response, RequestIds& ids, const ua::LocalAddress& local);
  // Removes the exchanges started before `cutoff`; calls `expired(tag,
  // connection)` for each.
  void expire(Clock::time_point cutoff, const std::function<void(std::uint64_t, std::size_t)>& expired);
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t tag = 0;
    std::size_t connection = 0;
    Clock::time_point started{};
    ua::OutgoingRequest request;
    const ua::DigestLogin* login = nullptr;
    bool challenged = false;
  };
  ExchangesByCallId<Entry> entries_;
};

}  // namespace credsvc::loadgen
