#pragma once
// Via (RFC 3261 §20.42, §18.2.1 received, RFC 3581 rport).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"
#include "sip/shared_text.hpp"

namespace credsvc::sip {

// The string_views of a Via view text it shares (see shared_text.hpp): copies
// are safe to keep anywhere. Build one with parse_via only.
struct Via {
  std::string_view protocol_name = "SIP";
  std::string_view protocol_version = "2.0";
  std::string_view transport;  // "TLS", "TCP", "UDP", ... as received
  std::string_view host;       // sent-by host; an IPv6 reference keeps its [ ]
  std::optional<std::uint16_t> port;
  ParamViews params;

  [[nodiscard]] std::optional<std::string_view> branch() const noexcept { return params.value("branch"); }
  [[nodiscard]] std::optional<std::string_view> received() const noexcept { return params.value("received"); }
  [[nodiscard]] std::optional<std::string_view> maddr() const noexcept { return params.value("maddr"); }
  [[nodiscard]] bool has_rport() const noexcept { return params.has("rport"); }
  [[nodiscard]] std::optional<std::uint16_t> rport() const noexcept;  // the value, when given
  [[nodiscard]] std::optional<int> ttl() const noexcept;
  // "host[:port]" as it appeared (for sent-by comparisons).
  [[nodiscard]] std::string sent_by() const;

 private:
  friend bool parse_via(std::string_view value, const SharedText& owner, std::vector<Via>& out,
                        std::string* error);
  SharedText text_;  // keeps every view above alive
};

// One Via header value; it may hold several comma-separated via-parms. The
// Vias keep a copy of `value`.
Result<std::vector<Via>> parse_via(std::string_view value);
// Hot path: `value` lies inside the bytes `owner` shares; appends to `out` in
// place; false on a malformed value (`out` may then hold some of its entries
// and `error`, if given, gets the reason).
bool parse_via(std::string_view value, const SharedText& owner, std::vector<Via>& out,
               std::string* error = nullptr);
std::string to_string(const Via& via);

// RFC 3261 §8.1.1.7 magic cookie.
inline constexpr std::string_view kBranchMagicCookie = "z9hG4bK";

}  // namespace credsvc::sip
