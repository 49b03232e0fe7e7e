#include "sip/identity_headers.hpp"

#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::sip {
namespace {

bool base64_char(char c) noexcept {
  return grammar::is_alnum(c) || c == '+' || c == '/' || c == '=';
}
// RFC 8224 signatures are base64url JWS segments joined by '.'.
bool jws_char(char c) noexcept { return base64_char(c) || c == '-' || c == '_' || c == '.'; }

// "<" absoluteURI ">"; the URI must parse.
bool angle_uri(grammar::Scanner& sc, std::string& out) {
  sc.skip_ws();
  if (!sc.literal('<')) return false;
  const std::size_t close = sc.rest().find('>');
  if (close == std::string_view::npos) return false;
  const std::string_view text = sc.rest().substr(0, close);
  if (!parse_uri(text)) return false;
  out = std::string(text);
  sc.set_pos(sc.pos() + close + 1);
  return true;
}

}  // namespace

Result<IdentityHeader> parse_identity(std::string_view value) {
  auto fail = [](std::string_view why) { return Result<IdentityHeader>::failure(std::string(why)); };
  grammar::Scanner sc(value);
  sc.skip_ws();
  IdentityHeader h;
  if (sc.peek() == '"') {
    std::string quoted;
    if (!sc.quoted_string(quoted)) return fail("unterminated quoted signature");
    for (char c : quoted) {
      if (grammar::is_lws(c)) continue;  // folded signatures (RFC 4474 §9 examples)
      if (!base64_char(c)) return fail("signature is not base64");
      h.signature.push_back(c);
    }
    if (h.signature.empty()) return fail("empty signature");
    h.form = IdentityForm::Rfc4474;
    sc.skip_ws();
    if (!sc.done()) return fail("unexpected text after signature");
    return h;
  }
  const std::string_view sig = sc.take_while(jws_char);
  if (sig.empty()) return fail("missing signature");
  h.signature = std::string(sig);
  while (sc.separator(';')) {
    const std::string_view name = sc.token();
    if (name.empty() || !sc.separator('=')) return fail("bad parameter");
    if (grammar::iequals(name, "info")) {
      std::string uri;
      if (h.info || !angle_uri(sc, uri)) return fail("bad info parameter");
      h.info = std::move(uri);
      continue;
    }
    Param p;
    p.name = std::string(name);
    std::string q;
    if (sc.peek() == '"') {
      if (!sc.quoted_string(q)) return fail("bad parameter");
      p.value = std::move(q);
      p.quoted = true;
    } else {
      const std::string_view v = sc.token();
      if (v.empty()) return fail("bad parameter");
      p.value = std::string(v);
    }
    if (h.params.has(p.name)) return fail("duplicate parameter");
    h.params.items.push_back(std::move(p));
  }
  sc.skip_ws();
  if (!sc.done()) return fail("unexpected text");
  h.form = h.info ? IdentityForm::Rfc8224 : IdentityForm::Bare;
  if (h.form == IdentityForm::Bare && !h.params.empty()) return fail("parameters without info");
  return h;
}

std::string to_string(const IdentityHeader& h) {
  if (h.form == IdentityForm::Rfc4474) return "\"" + h.signature + "\"";
  std::string out = h.signature;
  if (h.info) out += ";info=<" + *h.info + ">";
  append_params(out, h.params);
  return out;
}

Result<IdentityInfo> parse_identity_info(std::string_view value) {
  grammar::Scanner sc(value);
  IdentityInfo out;
  if (!angle_uri(sc, out.uri)) return Result<IdentityInfo>::failure("bad <URI>");
  if (!parse_params(sc, out.params)) return Result<IdentityInfo>::failure("bad parameter");
  sc.skip_ws();
  if (!sc.done()) return Result<IdentityInfo>::failure("unexpected text");
  return out;
}

std::string to_string(const IdentityInfo& h) {
  std::string out = "<" + h.uri + ">";
  append_params(out, h.params);
  return out;
}

}  // namespace credsvc::sip
