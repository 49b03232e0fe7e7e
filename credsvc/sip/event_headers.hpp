#pragma once
// Event and Subscription-State (RFC 6665 §8.2.1, §8.2.3); Event's etag
// parameter is the one RFC 6072 defines for the credential packages.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct EventHeader {
  std::string type;                    // "certificate", "presence.winfo", ...
  std::string package;                 // the part before the first '.'
  std::vector<std::string> templates;  // the '.'-separated rest
  Params params;

  [[nodiscard]] std::optional<std::string_view> id() const noexcept { return params.value("id"); }
  [[nodiscard]] std::optional<std::string_view> etag() const noexcept { return params.value("etag"); }
};
Result<EventHeader> parse_event(std::string_view value);

enum class SubState { Active, Pending, Terminated, Extension };

struct SubscriptionState {
  SubState state = SubState::Active;
  std::string state_name;  // as received
  Params params;

  [[nodiscard]] std::optional<std::string_view> reason() const noexcept { return params.value("reason"); }
  [[nodiscard]] std::optional<std::uint32_t> expires() const noexcept;
  [[nodiscard]] std::optional<std::uint32_t> retry_after() const noexcept;
};
Result<SubscriptionState> parse_subscription_state(std::string_view value);

}  // namespace credsvc::sip
