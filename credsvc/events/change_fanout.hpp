// Turns committed changes into NOTIFYs: a credential or user changed here
// or in another instance (PostgreSQL LISTEN/NOTIFY, db/change_listener.hpp)
// → the cache forgets it → the current state is read once → the
// subscriptions of that AOR are told.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/change_event.hpp"
#include "db/store.hpp"
#include "events/credential_cache.hpp"
#include "events/notifier.hpp"

namespace credsvc::events {

class ChangeFanout : public std::enable_shared_from_this<ChangeFanout> {
 public:
  ChangeFanout(db::Store& store, CredentialCache& cache, std::shared_ptr<Notifier> notifier)
      : store_(store), cache_(cache), notifier_(std::move(notifier)) {}

  void on_event(const db::ChangeEvent& event);
  void credential_changed(const std::string& aor);
  void user_changed(const std::string& aor);
  // A subscription of `kind` to `aor` was just registered: a change committed
  // between its first read and its registration would otherwise reach it
  // only with the next change, so the current state is offered once more
  // (the notifier sends nothing when it is what the subscriber has).
  void subscribed(const std::string& aor, PackageKind kind);
  // Notifications may have been lost: re-read every subscribed AOR.
  void resync();

 private:
  void deliver_current(const std::string& aor, bool from_store);
  // Reads complete out of order; only the newest read of an AOR is applied.
  std::uint64_t begin_read(const std::string& key);
  bool is_latest(const std::string& key, std::uint64_t ticket);

  db::Store& store_;
  CredentialCache& cache_;
  std::shared_ptr<Notifier> notifier_;
  std::mutex mutex_;
  std::uint64_t next_ticket_ = 0;
  std::unordered_map<std::string, std::uint64_t> latest_;
};

}  // namespace credsvc::events
