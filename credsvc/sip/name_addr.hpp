#pragma once
// name-addr / addr-spec headers: From, To, Contact, Route, Record-Route,
// Reply-To, Refer-To... (RFC 3261 §20.10, §20.20, §20.39, §25.1).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"
#include "sip/shared_text.hpp"
#include "sip/uri.hpp"

namespace credsvc::sip {

// The string_views of a NameAddr view text it shares, like those of its Uri
// (see shared_text.hpp): copies are safe to keep anywhere. Build one with the
// parse functions only.
struct NameAddr {
  std::optional<std::string_view> display_name;  // unquoted; tokens form keeps its spacing
  bool display_quoted = false;
  bool bracketed = false;  // name-addr (<uri>) rather than addr-spec on the wire
  Uri uri;
  ParamViews params;  // header parameters (after the URI), not URI parameters

  [[nodiscard]] std::optional<std::string_view> tag() const noexcept { return params.value("tag"); }
  // Contact parameters (RFC 3261 §20.10); nullopt when absent or out of range.
  [[nodiscard]] std::optional<std::uint32_t> expires() const noexcept;
  [[nodiscard]] std::optional<double> q() const noexcept;

 private:
  friend bool parse_name_addr(std::string_view element, const SharedText& owner, NameAddr& out,
                              std::string* error);
  SharedText text_;  // keeps display_name and params alive (uri has its own share)
};

// One element (no top-level commas): "Display" <uri>;params or uri;params.
// The NameAddr keeps a copy of `element`.
Result<NameAddr> parse_name_addr(std::string_view element);
// The same, filling a default-constructed `out` in place; on failure `error`
// (if given) gets the reason.
bool parse_name_addr(std::string_view element, NameAddr& out, std::string* error = nullptr);
// Hot path: `element` lies inside the bytes `owner` shares; no copy unless
// quoted-pairs need unescaping.
bool parse_name_addr(std::string_view element, const SharedText& owner, NameAddr& out,
                     std::string* error = nullptr);

struct ContactList {
  bool star = false;  // "Contact: *" (REGISTER removal)
  std::vector<NameAddr> contacts;
};

// One Contact header value: "*" or a comma-separated list of contacts. The
// owner forms share `owner` (whose bytes hold `value`); the others copy `value`.
Result<ContactList> parse_contact(std::string_view value);
Result<ContactList> parse_contact(std::string_view value, const SharedText& owner);
// One Route/Record-Route/Path... value: a comma-separated list of name-addrs;
// these grammars require the bracketed form (RFC 3261 §25.1 route-param).
Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view value);
Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view value, const SharedText& owner);

// Always the bracketed form, with a quoted display name when there is one.
std::string to_string(const NameAddr& na);

}  // namespace credsvc::sip
