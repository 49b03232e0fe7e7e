// Change notifications between credsvc instances: the triggers of migration
// 002 NOTIFY channel credsvc_changes with a JSON payload on every committed
// change to a credential, user or domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace credsvc::db {

inline constexpr std::string_view change_channel = "credsvc_changes";

enum class ChangeKind {
  credential,  // key: AOR
  user,        // key: AOR
  domain,      // key: domain name
  resync,      // synthetic, after a reconnection: notifications may have been lost, flush caches
};

struct ChangeEvent {
  ChangeKind kind = ChangeKind::resync;
  std::string key;
  // credsvc.origin of the writing session: a Store's instance_id(), so a
  // process can recognise its own changes; empty for other writers.
  std::string origin;

  friend bool operator==(const ChangeEvent&, const ChangeEvent&) = default;
};

std::string_view to_string(ChangeKind kind) noexcept;

// Parses {"kind": ..., "key": ..., "origin": ...}; nullopt when malformed or
// of an unknown kind (a newer writer's), which listeners then ignore.
std::optional<ChangeEvent> parse_change_payload(std::string_view payload);

}  // namespace credsvc::db
