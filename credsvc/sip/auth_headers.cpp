#include "sip/auth_headers.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {

bool AuthHeader::is_digest() const noexcept { return grammar::iequals(scheme, "Digest"); }

Result<AuthHeader> parse_auth_header(std::string_view value) {
  auto fail = [](std::string_view why) { return Result<AuthHeader>::failure(std::string(why)); };
  grammar::Scanner sc(value);
  sc.skip_ws();
  AuthHeader h;
  const std::string_view scheme = sc.token();
  if (scheme.empty()) return fail("missing auth-scheme");
  h.scheme = std::string(scheme);
  if (!sc.skip_ws()) {
    if (sc.done()) return h;  // a bare scheme
    return fail("bad auth-scheme");
  }
  if (sc.done()) return h;
  do {
    const std::string_view name = sc.token();
    if (name.empty() || !sc.separator('=')) return fail("bad auth-param");
    Param p;
    p.name = std::string(name);
    if (sc.peek() == '"') {
      std::string v;
      if (!sc.quoted_string(v)) return fail("unterminated quoted-string");
      p.value = std::move(v);
      p.quoted = true;
    } else {
      const std::string_view v = sc.token();
      if (v.empty()) return fail("bad auth-param value");
      p.value = std::string(v);
    }
    if (h.params.has(p.name)) return fail("duplicate auth-param");
    h.params.items.push_back(std::move(p));
  } while (sc.separator(','));
  sc.skip_ws();
  if (!sc.done()) return fail("unexpected text");
  return h;
}

std::string to_string(const AuthHeader& h) {
  std::string out = h.scheme;
  bool first = true;
  for (const Param& p : h.params.items) {
    out += first ? " " : ", ";
    first = false;
    out += p.name;
    out.push_back('=');
    const std::string& v = p.value ? *p.value : std::string();
    if (p.quoted || !grammar::is_token(v)) {
      out += grammar::quote(v);
    } else {
      out += v;
    }
  }
  return out;
}

Result<DigestParams> digest_params(const AuthHeader& h) {
  DigestParams d;
  auto take = [&h](std::string_view name) -> std::optional<std::string> {
    const auto v = h.params.value(name);
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
  };
  auto boolean = [&h](std::string_view name, std::optional<bool>& out) {
    const auto v = h.params.value(name);
    if (!v) return true;
    if (grammar::iequals(*v, "true")) {
      out = true;
    } else if (grammar::iequals(*v, "false")) {
      out = false;
    } else {
      return false;
    }
    return true;
  };
  d.username = take("username");
  d.realm = take("realm");
  d.nonce = take("nonce");
  d.uri = take("uri");
  d.response = take("response");
  d.algorithm = take("algorithm");
  d.cnonce = take("cnonce");
  d.opaque = take("opaque");
  d.qop = take("qop");
  d.nc = take("nc");
  d.domain = take("domain");
  if (d.nc) {
    if (d.nc->size() != 8) return Result<DigestParams>::failure("nc is not 8 hex digits");
    for (char c : *d.nc) {
      if (!grammar::is_hex(c)) return Result<DigestParams>::failure("nc is not 8 hex digits");
    }
  }
  if (!boolean("stale", d.stale)) return Result<DigestParams>::failure("stale is not true/false");
  if (!boolean("userhash", d.userhash)) return Result<DigestParams>::failure("userhash is not true/false");
  if (d.qop) {
    grammar::ListSplitter split(*d.qop);
    std::string_view element;
    bool malformed = false;
    while (split.next(element, malformed)) {
      if (malformed || !grammar::is_token(element)) return Result<DigestParams>::failure("bad qop");
      d.qop_options.emplace_back(element);
    }
  }
  return d;
}

}  // namespace credsvc::sip
