#pragma once
// Via (RFC 3261 §20.42, §18.2.1 received, RFC 3581 rport).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct Via {
  std::string protocol_name = "SIP";
  std::string protocol_version = "2.0";
  std::string transport;  // "TLS", "TCP", "UDP", ... as received
  std::string host;       // sent-by host; an IPv6 reference keeps its [ ]
  std::optional<std::uint16_t> port;
  Params params;

  [[nodiscard]] std::optional<std::string_view> branch() const noexcept { return params.value("branch"); }
  [[nodiscard]] std::optional<std::string_view> received() const noexcept { return params.value("received"); }
  [[nodiscard]] std::optional<std::string_view> maddr() const noexcept { return params.value("maddr"); }
  [[nodiscard]] bool has_rport() const noexcept { return params.has("rport"); }
  [[nodiscard]] std::optional<std::uint16_t> rport() const noexcept;  // the value, when given
  [[nodiscard]] std::optional<int> ttl() const noexcept;
  // "host[:port]" as it appeared (for sent-by comparisons).
  [[nodiscard]] std::string sent_by() const;
};

// One Via header value; it may hold several comma-separated via-parms.
Result<std::vector<Via>> parse_via(std::string_view value);
// The same, appending to `out` in place (hot path); false on a malformed value
// (`out` may then hold some of its entries).
bool parse_via(std::string_view value, std::vector<Via>& out);
std::string to_string(const Via& via);

// RFC 3261 §8.1.1.7 magic cookie.
inline constexpr std::string_view kBranchMagicCookie = "z9hG4bK";

}  // namespace credsvc::sip
