#include "sip/params.hpp"

#include "sip/shared_text.hpp"

namespace credsvc::sip {
namespace {

// gen-value = token / host / quoted-string; a host adds ':' '[' ']' (IPv6).
bool is_gen_value_char(char c) noexcept {
  return grammar::is_token_char(c) || c == ':' || c == '[' || c == ']';
}

// One generic-param after its SEMI, as wire text: a quoted value still holds
// its quoted-pairs.
struct RawParam {
  std::string_view name;
  std::optional<std::string_view> value;
  bool quoted = false;
};

bool scan_param(grammar::Scanner& sc, RawParam& p) {
  p.name = sc.token();
  if (p.name.empty()) return false;
  if (!sc.separator('=')) return true;
  std::string_view v;
  if (sc.peek() == '"') {
    if (!sc.quoted_string_raw(v)) return false;
    p.quoted = true;
  } else {
    v = sc.take_while(is_gen_value_char);
    if (v.empty()) return false;
  }
  p.value = v;
  return true;
}

void append_param(std::string& out, std::string_view name, const std::optional<std::string_view>& value,
                  bool quoted) {
  out.push_back(';');
  out += name;
  if (!value) return;
  out.push_back('=');
  bool plain = !quoted && !value->empty();
  if (plain) {
    for (char c : *value) {
      if (!is_gen_value_char(c)) {
        plain = false;
        break;
      }
    }
  }
  if (plain) {
    out += *value;
  } else {
    out += grammar::quote(*value);
  }
}

}  // namespace

const Param* Params::find(std::string_view name) const noexcept {
  for (const Param& p : items) {
    if (grammar::iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string_view> Params::value(std::string_view name) const noexcept {
  const Param* p = find(name);
  if (p == nullptr || !p->value) return std::nullopt;
  return std::string_view(*p->value);
}

void Params::set(std::string name, std::optional<std::string> value, bool quoted) {
  for (Param& p : items) {
    if (grammar::iequals(p.name, name)) {
      p.value = std::move(value);
      p.quoted = quoted;
      return;
    }
  }
  items.push_back(Param{std::move(name), std::move(value), quoted});
}

const ParamView* ParamViews::find(std::string_view name) const noexcept {
  for (const ParamView& p : *this) {
    if (grammar::iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string_view> ParamViews::value(std::string_view name) const noexcept {
  const ParamView* p = find(name);
  if (p == nullptr) return std::nullopt;
  return p->value;
}

bool parse_params(grammar::Scanner& sc, Params& out) {
  while (sc.separator(';')) {
    RawParam raw;
    if (!scan_param(sc, raw)) return false;
    if (out.has(raw.name)) return false;  // two tags or branches would be ambiguous
    Param p;
    p.name = std::string(raw.name);
    p.quoted = raw.quoted;
    if (raw.value) {
      std::string& v = p.value.emplace();
      if (raw.quoted) {
        v.reserve(raw.value->size());
        grammar::unescape_quoted(*raw.value, [&v](char c) {
          v.push_back(c);
          return true;
        });
      } else {
        v = std::string(*raw.value);
      }
    }
    out.items.push_back(std::move(p));
  }
  return true;
}

bool parse_params(grammar::Scanner& sc, ParamViews& out, DecodedText* decoded) {
  while (sc.separator(';')) {
    RawParam raw;
    if (!scan_param(sc, raw)) return false;
    if (out.has(raw.name)) return false;  // two tags or branches would be ambiguous
    if (raw.quoted && raw.value->find('\\') != std::string_view::npos) {
      if (decoded == nullptr) return false;
      const std::size_t mark = decoded->mark();
      if (!grammar::unescape_quoted(*raw.value, [decoded](char c) { return decoded->append(c); })) return false;
      raw.value = decoded->finish(mark);
    }
    out.push_back(ParamView{raw.name, raw.value, raw.quoted});
  }
  return true;
}

void append_params(std::string& out, const Params& params) {
  for (const Param& p : params.items) {
    append_param(out, p.name, p.value ? std::optional<std::string_view>(*p.value) : std::nullopt, p.quoted);
  }
}

void append_params(std::string& out, const ParamViews& params) {
  for (const ParamView& p : params) append_param(out, p.name, p.value, p.quoted);
}

}  // namespace credsvc::sip
