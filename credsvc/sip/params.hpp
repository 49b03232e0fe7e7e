#pragma once
// Header parameters: *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ]
// (RFC 3261 §25.1). Names compare case-insensitively; values keep their case.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/grammar.hpp"

namespace credsvc::sip {

struct Param {
  std::string name;
  std::optional<std::string> value;  // unquoted and unescaped when `quoted`
  bool quoted = false;               // the value was a quoted-string on the wire
};

class Params {
 public:
  std::vector<Param> items;

  [[nodiscard]] const Param* find(std::string_view name) const noexcept;
  [[nodiscard]] bool has(std::string_view name) const noexcept { return find(name) != nullptr; }
  // The value of `name`; nullopt when absent or when present without a value.
  [[nodiscard]] std::optional<std::string_view> value(std::string_view name) const noexcept;
  [[nodiscard]] bool empty() const noexcept { return items.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items.size(); }
  void set(std::string name, std::optional<std::string> value, bool quoted = false);
  bool operator==(const Params&) const = default;
};

inline bool operator==(const Param& a, const Param& b) {
  return a.name == b.name && a.value == b.value && a.quoted == b.quoted;
}

// Parses *( SEMI generic-param ) from the scanner. Stops (returning true) at the
// first character that cannot start another SEMI; false on a malformed param
// (e.g. ";;" or "name=" with nothing after it) or a duplicate name.
bool parse_params(grammar::Scanner& sc, Params& out);

// Appends ";name=value" for each param, quoting values that were quoted or are
// not plain param text.
void append_params(std::string& out, const Params& params);

}  // namespace credsvc::sip
