// The payloads of live subscriber queries (db/live_query.hpp): JSON on the
// credsvc_queries channel and on each asker's reply channel. No I/O, so the
// parsers are fuzzed (tests/fuzz/fuzz_notify_payloads.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace credsvc::db {

inline constexpr std::string_view live_query_channel = "credsvc_queries";
inline constexpr std::string_view live_reply_prefix = "credsvc_reply_";

struct LiveQuery {
  std::string aor;
  std::string reply_channel;  // credsvc_reply_<hex>
};

// Subscriptions of one AOR by package.
struct LiveCounts {
  std::uint64_t certificate = 0;
  std::uint64_t credential = 0;
};

// One instance's answer.
struct InstanceCounts {
  std::string instance;  // its Store::instance_id()
  std::string host;
  std::int64_t pid = 0;
  std::uint64_t certificate = 0;
  std::uint64_t credential = 0;
};

std::string live_query_payload(const LiveQuery& query);
// nullopt for a malformed payload or a reply channel not of our form, which
// instances ignore.
std::optional<LiveQuery> parse_live_query(std::string_view payload);
std::string instance_counts_payload(const InstanceCounts& counts);
std::optional<InstanceCounts> parse_instance_counts(std::string_view payload);

}  // namespace credsvc::db
