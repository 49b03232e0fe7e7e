#include "events/change_fanout.hpp"

#include <spdlog/spdlog.h>

#include "events/resource_states.hpp"

namespace credsvc::events {

void ChangeFanout::on_event(const db::ChangeEvent& event) {
  switch (event.kind) {
    case db::ChangeKind::credential:
      credential_changed(event.key);
      break;
    case db::ChangeKind::user:
      user_changed(event.key);
      break;
    case db::ChangeKind::domain:
      break;  // domains are reloaded by serve
    case db::ChangeKind::resync:
      resync();
      break;
  }
}

std::uint64_t ChangeFanout::begin_read(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto ticket = ++next_ticket_;
  latest_[key] = ticket;
  return ticket;
}

bool ChangeFanout::is_latest(const std::string& key, std::uint64_t ticket) {
  std::lock_guard lock(mutex_);
  const auto it = latest_.find(key);
  if (it == latest_.end() || it->second != ticket) return false;
  latest_.erase(it);
  return true;
}

void ChangeFanout::credential_changed(const std::string& aor) {
  cache_.invalidate(aor);
  deliver_current(aor, false);
}

void ChangeFanout::subscribed(const std::string& aor, PackageKind kind) {
  // From the store, not the cache: a read that starts after the first one
  // sees at least what it saw, so nothing older than it is offered.
  deliver_current(aor, true);
  if (kind == PackageKind::credential) user_changed(aor);
}

void ChangeFanout::deliver_current(const std::string& aor, bool from_store) {
  const auto key = "c:" + aor;
  const auto ticket = begin_read(key);  // before the check: older reads must not report
  // Nobody here to tell: the next fetch reads the store anyway.
  if (!notifier_->has_subscribers(aor)) {
    is_latest(key, ticket);
    return;
  }
  auto deliver = [self = shared_from_this(), aor, key, ticket](std::exception_ptr error,
                                                                CredentialCache::Entry entry) {
    if (!self->is_latest(key, ticket)) return;  // a newer read will report
    if (error) {
      spdlog::warn("change of {} not delivered: the credential could not be read", aor);
      return;
    }
    self->notifier_->update(aor, PackageKind::certificate, certificate_state(entry.get()));
    if (entry) {
      self->notifier_->update(aor, PackageKind::credential, credential_state(*entry));
    } else {
      // RFC 6072 §8.8: revoked, removed or expired: deactivate, so the UA re-authenticates.
      self->notifier_->terminate(aor, PackageKind::credential, "deactivated");
    }
  };
  if (!from_store) {
    cache_.get(aor, {}, std::move(deliver));
    return;
  }
  store_.async_get_credential(aor, [deliver = std::move(deliver)](std::exception_ptr error,
                                                                  std::optional<db::Credential> found) mutable {
    deliver(error, found ? std::make_shared<const db::Credential>(std::move(*found)) : nullptr);
  });
}

void ChangeFanout::user_changed(const std::string& aor) {
  const auto key = "u:" + aor;
  const auto ticket = begin_read(key);
  if (!notifier_->has_subscribers(aor)) {
    is_latest(key, ticket);
    return;
  }
  store_.async_get_user(aor, [self = shared_from_this(), aor, key, ticket](std::exception_ptr error,
                                                                          std::optional<db::User> user) {
    if (!self->is_latest(key, ticket)) return;
    if (error) {
      spdlog::warn("change of user {} not delivered: the user could not be read", aor);
      return;
    }
    if (!user || !user->enabled) {
      self->notifier_->owner_changed(aor, std::nullopt);
    } else {
      self->notifier_->owner_changed(aor, owner_stamp(*user));
    }
  });
}

void ChangeFanout::resync() {
  cache_.clear();
  auto aors = notifier_->subscribed_aors(PackageKind::certificate);
  for (auto& aor : notifier_->subscribed_aors(PackageKind::credential)) {
    user_changed(aor);
    aors.push_back(std::move(aor));
  }
  std::sort(aors.begin(), aors.end());
  aors.erase(std::unique(aors.begin(), aors.end()), aors.end());
  for (const auto& aor : aors) credential_changed(aor);
}

}  // namespace credsvc::events
