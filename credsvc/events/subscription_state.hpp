// What a subscription reports at one moment: the resource's state as a
// NOTIFY body, and a key that tells one state from another.
#pragma once

#include <string>

#include "events/notify_request.hpp"

namespace credsvc::events {

enum class PackageKind { certificate, credential };

std::string_view to_string(PackageKind kind) noexcept;

struct ResourceState {
  bool present = false;  // a credential is published
  NotifyContent content;
  // Equal keys mean "nothing changed" (version and key, or etag).
  std::string key;
};

}  // namespace credsvc::events
