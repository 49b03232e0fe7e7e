// Live subscriber counts from every running instance (issue: `admin show`).
//
// Subscriptions live in the memory of the instance holding the subscriber's
// connection, so an administrator's question goes through the database:
// the asker LISTENs on a reply channel of its own, NOTIFYs credsvc_queries
// with the AOR and that channel, and each instance registered in the
// instances table (migration 004) answers on the channel with its counts.
// The asker waits until every registered instance has answered or its wait
// runs out, and says how many did.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/connection_base>
#include <pqxx/transaction>
#include <string>
#include <string_view>
#include <vector>

#include "db/live_query_payload.hpp"

namespace credsvc::db {

struct LiveSubscribers {
  std::size_t running = 0;  // instances registered and heartbeating
  std::vector<InstanceCounts> answers;
  std::uint64_t certificate() const;
  std::uint64_t credential() const;
  bool complete() const { return answers.size() >= running; }
};

// Asks every running instance about `aor` and waits at most `wait`. `conn`
// must have no transaction open (a pool connection inside
// Store::async_on_connection). Throws pqxx errors.
LiveSubscribers ask_live_subscribers(pqxx::connection_base& conn, const std::string& aor,
                                     std::chrono::milliseconds wait);

// Sends `counts` to the asker at once. `conn` must have no transaction open
// (the instance's listening connection).
void answer_live_query(pqxx::connection_base& conn, const LiveQuery& query, const InstanceCounts& counts);

// The instance registry, from the instance's own listening connection.
struct InstanceRecord {
  std::string id;
  std::string host;
  std::int64_t pid = 0;
  std::chrono::seconds heartbeat{10};
};
void register_instance(pqxx::connection_base& conn, const InstanceRecord& record);  // also the heartbeat
void unregister_instance(pqxx::connection_base& conn, const std::string& id);

}  // namespace credsvc::db
