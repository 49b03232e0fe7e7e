#pragma once
// Header parameters: *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ]
// (RFC 3261 §25.1). Names compare case-insensitively; values keep their case.
//
// Two forms of the same list: Params owns its strings (the header grammars
// parsed on demand, and headers being built); ParamViews views the text of
// the NameAddr or Via that holds it (parsed with every message, so it must
// not allocate).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/grammar.hpp"
#include "sip/view_list.hpp"

namespace credsvc::sip {

class DecodedText;

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

struct ParamView {
  std::string_view name;
  std::optional<std::string_view> value;  // unquoted and unescaped when `quoted`
  bool quoted = false;                    // the value was a quoted-string on the wire
  bool operator==(const ParamView&) const = default;
};

// The parameters of a NameAddr or Via (three of them inline). Only those
// types copy it: its views live as long as their owner's share of the text.
class ParamViews : public ViewList<ParamView, 3> {
 public:
  ParamViews() = default;

  [[nodiscard]] const ParamView* find(std::string_view name) const noexcept;
  [[nodiscard]] bool has(std::string_view name) const noexcept { return find(name) != nullptr; }
  // The value of `name`; nullopt when absent or when present without a value.
  [[nodiscard]] std::optional<std::string_view> value(std::string_view name) const noexcept;

 private:
  friend struct NameAddr;
  friend struct Via;
  ParamViews(const ParamViews&) = default;
  ParamViews(ParamViews&&) noexcept = default;
  ParamViews& operator=(const ParamViews&) = default;
  ParamViews& operator=(ParamViews&&) noexcept = default;
};

// Parses *( SEMI generic-param ) from the scanner. Stops (returning true) at the
// first character that cannot start another SEMI; false on a malformed param
// (e.g. ";;" or "name=" with nothing after it) or a duplicate name.
bool parse_params(grammar::Scanner& sc, Params& out);
// The same into views of the scanned text. A quoted value holding quoted-pairs
// is unescaped into `decoded`, which must then hold the scanned text (false
// without it).
bool parse_params(grammar::Scanner& sc, ParamViews& out, DecodedText* decoded);

// Appends ";name=value" for each param, quoting values that were quoted or are
// not plain param text.
void append_params(std::string& out, const Params& params);
void append_params(std::string& out, const ParamViews& params);

}  // namespace credsvc::sip
