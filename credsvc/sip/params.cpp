#include "sip/params.hpp"

namespace credsvc::sip {
namespace {

// gen-value = token / host / quoted-string; a host adds ':' '[' ']' (IPv6).
bool is_gen_value_char(char c) noexcept {
  return grammar::is_token_char(c) || c == ':' || c == '[' || c == ']';
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

bool parse_params(grammar::Scanner& sc, Params& out) {
  while (sc.separator(';')) {
    const std::string_view name = sc.token();
    if (name.empty()) return false;
    Param p;
    p.name = std::string(name);
    if (sc.separator('=')) {
      std::string q;
      if (sc.peek() == '"') {
        if (!sc.quoted_string(q)) return false;
        p.value = std::move(q);
        p.quoted = true;
      } else {
        const std::string_view v = sc.take_while(is_gen_value_char);
        if (v.empty()) return false;
        p.value = std::string(v);
      }
    }
    if (out.has(p.name)) return false;  // two tags or branches would be ambiguous
    out.items.push_back(std::move(p));
  }
  return true;
}

void append_params(std::string& out, const Params& params) {
  for (const Param& p : params.items) {
    out.push_back(';');
    out += p.name;
    if (!p.value) continue;
    out.push_back('=');
    bool plain = !p.quoted && !p.value->empty();
    if (plain) {
      for (char c : *p.value) {
        if (!is_gen_value_char(c)) {
          plain = false;
          break;
        }
      }
    }
    if (plain) {
      out += *p.value;
    } else {
      out += grammar::quote(*p.value);
    }
  }
}

}  // namespace credsvc::sip
