#include "transport/flow_table.hpp"

namespace credsvc::transport {

void FlowTable::add(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  by_id_[connection->id()] = connection;
  by_remote_[connection->remote_text()] = connection->id();
}

void FlowTable::remove(FlowId id) {
  std::lock_guard lock(mutex_);
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  by_id_.erase(it);
  for (auto r = by_remote_.begin(); r != by_remote_.end(); ++r) {
    if (r->second == id) {
      by_remote_.erase(r);
      break;
    }
  }
}

std::shared_ptr<Connection> FlowTable::find(FlowId id) const {
  std::lock_guard lock(mutex_);
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second.lock();
}

std::shared_ptr<Connection> FlowTable::find_by_remote(const std::string& remote_text) const {
  std::lock_guard lock(mutex_);
  const auto r = by_remote_.find(remote_text);
  if (r == by_remote_.end()) return nullptr;
  const auto it = by_id_.find(r->second);
  return it == by_id_.end() ? nullptr : it->second.lock();
}

std::size_t FlowTable::size() const {
  std::lock_guard lock(mutex_);
  return by_id_.size();
}

}  // namespace credsvc::transport
