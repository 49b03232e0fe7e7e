// The live connections by flow id and by peer address: responses and later
// requests (NOTIFY) go out on the connection a request came in on (RFC 3261
// §18.2.2, RFC 5923), and an outbound connection to a host is reused.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "transport/connection.hpp"

namespace credsvc::transport {

class FlowTable {
 public:
  FlowId next_id() noexcept { return next_.fetch_add(1, std::memory_order_relaxed); }
  void add(const std::shared_ptr<Connection>& connection);
  void remove(FlowId id);
  std::shared_ptr<Connection> find(FlowId id) const;
  // A live connection to the peer "ip:port" (either direction).
  std::shared_ptr<Connection> find_by_remote(const std::string& remote_text) const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<FlowId, std::weak_ptr<Connection>> by_id_;
  std::unordered_map<std::string, FlowId> by_remote_;
  std::atomic<FlowId> next_{1};
};

}  // namespace credsvc::transport
