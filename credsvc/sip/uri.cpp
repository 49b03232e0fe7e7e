#include "sip/uri.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

using grammar::is_alnum;
using grammar::is_alpha;
using grammar::is_digit;
using grammar::is_hex;
using grammar::is_unreserved;

// RFC 3261 §25.1 character sets, unescaped.
constexpr bool user_char_fn(char c) noexcept {
  switch (c) {
    case '&': case '=': case '+': case '$': case ',': case ';': case '?': case '/':
      return true;
    default:
      return is_unreserved(c);
  }
}
constexpr bool password_char_fn(char c) noexcept {
  switch (c) {
    case '&': case '=': case '+': case '$': case ',':
      return true;
    default:
      return is_unreserved(c);
  }
}
constexpr bool param_char_fn(char c) noexcept {  // also tel: paramchar (RFC 3966)
  switch (c) {
    case '[': case ']': case '/': case ':': case '&': case '+': case '$':
      return true;
    default:
      return is_unreserved(c);
  }
}
constexpr bool header_char_fn(char c) noexcept {
  switch (c) {
    case '[': case ']': case '/': case '?': case ':': case '+': case '$':
      return true;
    default:
      return is_unreserved(c);
  }
}
constexpr bool tel_pname_char_fn(char c) noexcept { return is_alnum(c) || c == '-'; }
// absoluteURI after the scheme: reserved / unreserved / escaped, plus the
// characters RFC 3986 added ('#', '[', ']').
constexpr bool opaque_char_fn(char c) noexcept {
  switch (c) {
    case ';': case '/': case '?': case ':': case '@': case '&': case '=': case '+':
    case '$': case ',': case '%': case '#': case '[': case ']':
      return true;
    default:
      return is_unreserved(c);
  }
}

// Function objects, so the templates below inline the class test.
struct UserChar { constexpr bool operator()(char c) const noexcept { return user_char_fn(c); } };
struct PasswordChar { constexpr bool operator()(char c) const noexcept { return password_char_fn(c); } };
struct ParamChar { constexpr bool operator()(char c) const noexcept { return param_char_fn(c); } };
struct HeaderChar { constexpr bool operator()(char c) const noexcept { return header_char_fn(c); } };
struct TelPnameChar { constexpr bool operator()(char c) const noexcept { return tel_pname_char_fn(c); } };
constexpr UserChar user_char{};
constexpr PasswordChar password_char{};
constexpr ParamChar param_char{};
constexpr HeaderChar header_char{};
constexpr TelPnameChar tel_pname_char{};

int hex_value(char c) noexcept {
  if (is_digit(c)) return c - '0';
  return grammar::to_lower(c) - 'a' + 10;
}

// Decodes `raw`, whose unescaped bytes must satisfy `allowed`: `out` is `raw`
// itself when it holds no escape, else the decoded bytes, written to
// `decoded` (a URI holding '%' is parsed from a DecodedText).
template <class Allowed>
bool decode(std::string_view raw, Allowed allowed, DecodedText* decoded, std::string_view& out) {
  bool escaped = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return false;
      if (!is_hex(raw[i + 1]) || !is_hex(raw[i + 2])) return false;
      escaped = true;
      i += 2;
    } else if (!allowed(c)) {
      return false;
    }
  }
  if (!escaped) {
    out = raw;
    return true;
  }
  if (decoded == nullptr) return false;
  const std::size_t mark = decoded->mark();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      c = static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2]));
      i += 2;
    }
    if (!decoded->append(c)) return false;
  }
  out = decoded->finish(mark);
  return true;
}

template <class Allowed>
void escape_into(std::string& out, std::string_view decoded, Allowed allowed) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : decoded) {
    if (allowed(c)) {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
}

bool valid_ipv4(std::string_view s) noexcept {
  int parts = 0;
  while (true) {
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) ++n;
    if (n == 0 || n > 3) return false;
    if (!grammar::parse_uint(s.substr(0, n), 255)) return false;
    ++parts;
    s.remove_prefix(n);
    if (s.empty()) break;
    if (s[0] != '.' || parts == 4) return false;
    s.remove_prefix(1);
  }
  return parts == 4;
}

// IPv6address (RFC 3261 §25.1 / RFC 4291 text form), without brackets.
bool valid_ipv6(std::string_view s) noexcept {
  if (s.empty()) return false;
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t n = 0;
    while (i + n < s.size() && is_hex(s[i + n])) ++n;
    if (i + n < s.size() && s[i + n] == '.') {
      // Trailing dotted IPv4 counts as two groups.
      if (!valid_ipv4(s.substr(i))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (n == 0 || n > 4) return false;
    ++groups;
    i += n;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;  // trailing single ':'
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

// hostname = *( domainlabel "." ) toplabel [ "." ]; labels are alphanumeric
// with inner '-', the toplabel starts with a letter. One pass: hosts are
// parsed in every Via, From, To and Request-URI.
bool valid_hostname(std::string_view s) noexcept {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.empty()) return false;
  std::size_t start = 0;  // of the current label
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (is_alnum(c)) continue;
    if (c == '.') {
      if (i == start || s[i - 1] == '-') return false;
      start = i + 1;
    } else if (c != '-' || i == start) {
      return false;
    }
  }
  if (start == s.size() || s.back() == '-') return false;
  return is_alpha(s[start]);
}

bool parse_host(std::string_view h, Uri& uri) {
  const auto kind = classify_host(h);
  if (!kind) return false;
  uri.host_kind = *kind;
  uri.host = h;
  return true;
}

bool has_param_named(const UriParams& params, std::string_view name) noexcept {
  for (const UriParam& p : params) {
    if (grammar::iequals(p.name, name)) return true;
  }
  return false;
}

// ;name[=value] pairs up to the end of `s`.
template <class NameChar>
bool parse_uri_params(std::string_view s, NameChar name_char, DecodedText* decoded, UriParams& out) {
  while (!s.empty()) {
    if (s.front() != ';') return false;
    s.remove_prefix(1);
    const std::size_t end = s.find(';');
    const std::string_view item = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
    const std::size_t eq = item.find('=');
    UriParam p;
    const std::string_view raw_name = item.substr(0, eq);
    if (raw_name.empty() || !decode(raw_name, name_char, decoded, p.name) || p.name.empty()) return false;
    if (eq != std::string_view::npos) {
      const std::string_view raw_value = item.substr(eq + 1);
      std::string_view v;
      if (raw_value.empty() || !decode(raw_value, param_char, decoded, v)) return false;
      p.value = v;
    }
    if (has_param_named(out, p.name)) return false;  // a repeated name is ambiguous
    out.push_back(p);
  }
  return true;
}

// The grammar helpers return nullptr on success, else why the URI is bad.
constexpr const char* fail(const char* why) noexcept { return why; }

const char* parse_sip(std::string_view rest, DecodedText* decoded, Uri& uri) {
  // userinfo: '@' is never legal unescaped anywhere else in a SIP URI, so the
  // first '@' ends it even when the user part holds ';' or '?' (RFC 4475 semiuri).
  const std::size_t at = rest.find('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    if (rest.find('@') != std::string_view::npos) return fail("more than one '@'");
    const std::size_t colon = userinfo.find(':');
    std::string_view user;
    if (colon == 0 || userinfo.empty() || !decode(userinfo.substr(0, colon), user_char, decoded, user)) {
      return fail("bad user part");
    }
    uri.user = user;
    if (colon != std::string_view::npos) {
      std::string_view pw;
      if (!decode(userinfo.substr(colon + 1), password_char, decoded, pw)) return fail("bad password");
      uri.password = pw;
    }
  }
  const std::size_t q = rest.find('?');
  std::string_view headers;
  if (q != std::string_view::npos) {
    headers = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::size_t host_end;
  if (!rest.empty() && rest.front() == '[') {
    host_end = rest.find(']');
    if (host_end == std::string_view::npos) return fail("unterminated IPv6 reference");
    ++host_end;
  } else {
    host_end = grammar::find_either(rest, ':', ';');
    if (host_end == std::string_view::npos) host_end = rest.size();
  }
  if (!parse_host(rest.substr(0, host_end), uri)) return fail("bad host");
  rest.remove_prefix(host_end);
  if (!rest.empty() && rest.front() == ':') {
    rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && is_digit(rest[n])) ++n;
    const auto port = grammar::parse_uint(rest.substr(0, n), 65535);
    if (!port) return fail("bad port");
    uri.port = static_cast<std::uint16_t>(*port);
    rest.remove_prefix(n);
  }
  if (!parse_uri_params(rest, param_char, decoded, uri.params)) return fail("bad uri-parameter");
  if (q != std::string_view::npos) {
    if (headers.empty()) return fail("empty headers");
    while (true) {
      const std::size_t amp = headers.find('&');
      const std::string_view item = headers.substr(0, amp);
      const std::size_t eq = item.find('=');
      if (eq == std::string_view::npos || eq == 0) return fail("bad header");
      UriHeader h;
      if (!decode(item.substr(0, eq), header_char, decoded, h.name) ||
          !decode(item.substr(eq + 1), header_char, decoded, h.value)) {
        return fail("bad header");
      }
      uri.headers.push_back(h);
      if (amp == std::string_view::npos) break;
      headers.remove_prefix(amp + 1);
    }
  }
  return nullptr;
}

bool tel_visual(char c) noexcept { return c == '-' || c == '.' || c == '(' || c == ')'; }

const char* parse_tel(std::string_view rest, DecodedText* decoded, Uri& uri) {
  const std::size_t semi = rest.find(';');
  const std::string_view number = rest.substr(0, semi);
  bool any = false;
  if (!number.empty() && number.front() == '+') {
    for (char c : number.substr(1)) {
      if (is_digit(c)) {
        any = true;
      } else if (!tel_visual(c)) {
        return fail("bad global tel: number");
      }
    }
  } else {
    for (char c : number) {
      if (is_hex(c) || c == '*' || c == '#') {
        any = true;
      } else if (!tel_visual(c)) {
        return fail("bad local tel: number");
      }
    }
  }
  if (!any) return fail("tel: number has no digits");
  uri.number = number;
  if (semi != std::string_view::npos &&
      !parse_uri_params(rest.substr(semi), tel_pname_char, decoded, uri.params)) {
    return fail("bad tel: parameter");
  }
  // RFC 3966 §5.1.5: a local number needs a phone-context.
  if (number.front() != '+' && !has_param_named(uri.params, "phone-context")) {
    return fail("local tel: number without phone-context");
  }
  return nullptr;
}

}  // namespace

std::optional<HostKind> classify_host(std::string_view h) noexcept {
  if (h.size() >= 2 && h.front() == '[') {
    if (h.back() != ']' || !valid_ipv6(h.substr(1, h.size() - 2))) return std::nullopt;
    return HostKind::IPv6;
  }
  if (valid_ipv4(h)) return HostKind::IPv4;
  if (valid_hostname(h)) return HostKind::Name;
  return std::nullopt;
}

bool is_ip_address(std::string_view text) noexcept {
  return valid_ipv4(text) || valid_ipv6(text);
}

const UriParam* Uri::param(std::string_view name) const noexcept {
  for (const UriParam& p : params) {
    if (grammar::iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string_view> Uri::param_value(std::string_view name) const noexcept {
  const UriParam* p = param(name);
  if (p == nullptr || !p->value) return std::nullopt;
  return std::string_view(*p->value);
}

std::optional<int> Uri::ttl() const noexcept {
  const auto v = param_value("ttl");
  if (!v || v->size() > 3) return std::nullopt;
  const auto n = grammar::parse_uint(*v, 255);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

namespace {

// Fills `uri` from `text`, whose bytes it already shares.
bool parse_parts(std::string_view text, DecodedText* decoded, Uri& uri, std::string* error) {
  auto bad = [error](const char* why) {
    if (error != nullptr) *error = std::string("URI: ") + why;
    return false;
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return bad("no scheme");
  const std::string_view scheme = text.substr(0, colon);
  if (!is_alpha(scheme.front())) return bad("bad scheme");
  for (char c : scheme) {
    if (!is_alnum(c) && c != '+' && c != '-' && c != '.') return bad("bad scheme");
  }
  const std::string_view rest = text.substr(colon + 1);
  uri.scheme_name = scheme;
  const char* why = nullptr;
  if (scheme.size() <= 4 && (grammar::iequals(scheme, "sip") || grammar::iequals(scheme, "sips"))) {
    uri.scheme = scheme.size() == 3 ? UriScheme::Sip : UriScheme::Sips;
    why = parse_sip(rest, decoded, uri);
  } else if (grammar::iequals(scheme, "tel")) {
    uri.scheme = UriScheme::Tel;
    why = parse_tel(rest, decoded, uri);
  } else {
    uri.scheme = UriScheme::Other;
    if (rest.empty()) return bad("empty after scheme");
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (!opaque_char_fn(rest[i])) return bad("bad character");
      if (rest[i] == '%' && (i + 2 >= rest.size() || !is_hex(rest[i + 1]) || !is_hex(rest[i + 2]))) {
        return bad("bad escape");
      }
    }
    uri.opaque = rest;
  }
  return why == nullptr || bad(why);
}

}  // namespace

bool parse_uri(std::string_view text, const SharedText& owner, Uri& uri, std::string* error) {
  if (text.find('%') != std::string_view::npos) {
    // Decoded parts differ from the wire text: view a private copy instead.
    DecodedText decoded(text);
    uri.text_ = decoded.share();
    return parse_parts(decoded.text(), &decoded, uri, error);
  }
  uri.text_ = owner;
  return parse_parts(text, nullptr, uri, error);
}

bool parse_uri(std::string_view text, Uri& uri, std::string* error) {
  // With a '%' the hot path makes its own copy; else share one made here.
  if (text.find('%') != std::string_view::npos) return parse_uri(text, SharedText{}, uri, error);
  const SharedText copy = share_copy(text);
  return parse_uri(std::string_view(copy.get(), text.size()), copy, uri, error);
}

Result<Uri> parse_uri(std::string_view text) {
  Result<Uri> out{Uri{}};
  std::string error;
  if (!parse_uri(text, *out, &error)) return Result<Uri>::failure(std::move(error));
  return out;
}

bool Uri::operator==(const Uri& o) const noexcept {
  return scheme == o.scheme && scheme_name == o.scheme_name && user == o.user && password == o.password &&
         host == o.host && host_kind == o.host_kind && port == o.port && params == o.params &&
         headers == o.headers && number == o.number && opaque == o.opaque;
}

std::string escape_user(std::string_view decoded) {
  std::string out;
  escape_into(out, decoded, user_char);
  return out;
}

std::string to_string(const Uri& uri) {
  std::string out;
  switch (uri.scheme) {
    case UriScheme::Other:
      out = std::string(uri.scheme_name);
      out.push_back(':');
      out += uri.opaque;
      return out;
    case UriScheme::Tel:
      out = "tel:";
      out += uri.number;
      break;
    case UriScheme::Sip:
    case UriScheme::Sips:
      out = uri.scheme == UriScheme::Sip ? "sip:" : "sips:";
      if (uri.user) {
        escape_into(out, *uri.user, user_char);
        if (uri.password) {
          out.push_back(':');
          escape_into(out, *uri.password, password_char);
        }
        out.push_back('@');
      }
      out += uri.host;
      if (uri.port) {
        out.push_back(':');
        out += std::to_string(*uri.port);
      }
      break;
  }
  for (const UriParam& p : uri.params) {
    out.push_back(';');
    if (uri.scheme == UriScheme::Tel) {
      escape_into(out, p.name, tel_pname_char);
    } else {
      escape_into(out, p.name, param_char);
    }
    if (p.value) {
      out.push_back('=');
      escape_into(out, *p.value, param_char);
    }
  }
  for (std::size_t i = 0; i < uri.headers.size(); ++i) {
    out.push_back(i == 0 ? '?' : '&');
    escape_into(out, uri.headers[i].name, header_char);
    out.push_back('=');
    escape_into(out, uri.headers[i].value, header_char);
  }
  return out;
}

}  // namespace credsvc::sip
