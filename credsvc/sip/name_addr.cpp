#include "sip/name_addr.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
std::optional<std::uint32_t> NameAddr::expires() const noexcept {
  const auto v = params.value("expires");
  if (!v) return std::nullopt;
  const auto n = grammar::parse_uint(*v, 0xFFFFFFFFULL);
  if (!n) return std::nullopt;
  return static_cast<std::uint32_t>(*n);
}

std::optional<double> NameAddr::q() const noexcept {
  // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
  const auto v = params.value("q");
  if (!v || v->empty() || v->size() > 5) return std::nullopt;
  const char lead = (*v)[0];
  if (lead != '0' && lead != '1') return std::nullopt;
  double result = lead - '0';
  if (v->size() > 1) {
    if ((*v)[1] != '.') return std::nullopt;
    double scale = 0.1;
    for (char c : v->substr(2)) {
      if (!grammar::is_digit(c) || (lead == '1' && c != '0')) return std::nullopt;
      result += (c - '0') * scale;
      scale /= 10;
    }
  }
  return result;
}

namespace {

// Fills `na` from `element`, whose bytes `text` shares.
bool parse_parts(std::string_view element, const SharedText& text, DecodedText* decoded, NameAddr& na,
                 std::string* error) {
  auto fail = [error](std::string_view why) {
    if (error != nullptr) *error = std::string(why);
    return false;
  };
  grammar::Scanner sc(element);
  sc.skip_ws();
  std::string_view uri_text;
  if (sc.peek() == '"') {
    std::string_view display;
    if (!sc.quoted_string_raw(display)) return fail("unterminated quoted display name");
    if (display.find('\\') != std::string_view::npos) {
      const std::size_t mark = decoded != nullptr ? decoded->mark() : 0;
      if (decoded == nullptr ||
          !grammar::unescape_quoted(display, [decoded](char c) { return decoded->append(c); })) {
        return fail("bad quoted display name");
      }
      display = decoded->finish(mark);
    }
    na.display_name = display;
    na.display_quoted = true;
    sc.skip_ws();
    if (sc.peek() != '<') return fail("display name without <URI>");
  } else {
    // display-name = *(token LWS): scan tokens; only a following '<' makes them one.
    const std::size_t start = sc.pos();
    while (!sc.token().empty()) sc.skip_ws();
    if (sc.peek() == '<') {
      const std::string_view d = grammar::trim(element.substr(start, sc.pos() - start));
      if (!d.empty()) na.display_name = d;
    } else {
      sc.set_pos(start);
    }
  }
  if (sc.literal('<')) {
    na.bracketed = true;
    const std::string_view rest = sc.rest();
    const std::size_t close = rest.find('>');
    if (close == std::string_view::npos) return fail("missing '>'");
    uri_text = rest.substr(0, close);
    sc.set_pos(sc.pos() + close + 1);
  } else {
    // addr-spec: RFC 3261 §20.10 — a URI holding ',', '?' or ';' needs <>, so
    // the URI ends at the first ';' (header params follow) or white space.
    const std::string_view rest = sc.rest();
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ';' && !grammar::is_lws(rest[end])) ++end;
    uri_text = rest.substr(0, end);
    if (grammar::contains_either(uri_text, '?', ',')) {
      return fail("URI with '?' or ',' must be enclosed in <>");
    }
    sc.set_pos(sc.pos() + end);
  }
  if (!parse_uri(uri_text, text, na.uri, error)) return false;
  if (!parse_params(sc, na.params, decoded)) return fail("bad header parameter");
  sc.skip_ws();
  if (!sc.done()) return fail("unexpected text after the address");
  return true;
}

}  // namespace

bool parse_name_addr(std::string_view element, const SharedText& owner, NameAddr& na, std::string* error) {
  if (element.find('\\') != std::string_view::npos) {
    // Quoted-pairs to resolve: view a private copy instead.
    DecodedText decoded(element);
    na.text_ = decoded.share();
    return parse_parts(decoded.text(), na.text_, &decoded, na, error);
  }
  na.text_ = owner;
  return parse_parts(element, owner, nullptr, na, error);
}

bool parse_name_addr(std::string_view element, NameAddr& na, std::string* error) {
  const SharedText copy = share_copy(element);
  return parse_name_addr(std::string_view(copy.get(), element.size()), copy, na, error);
}

Result<NameAddr> parse_name_addr(std::string_view element) {
  Result<NameAddr> out{NameAddr{}};
  std::string error;
  if (!parse_name_addr(element, *out, &error)) return Result<NameAddr>::failure(std::move(error));
  return out;
}

namespace {

// One comma-separated element, parsed in place at the end of `out`.
bool parse_element(std::string_view element, const SharedText& owner, std::vector<NameAddr>& out,
                   std::string& error) {
  if (element.empty()) {
    error = "empty or unbalanced element";
    return false;
  }
  return parse_name_addr(element, owner, out.emplace_back(), &error);
}

}  // namespace

Result<ContactList> parse_contact(std::string_view value, const SharedText& owner) {
  ContactList out;
  if (grammar::trim(value) == "*") {
    out.star = true;
    return out;
  }
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  std::string error;
  while (split.next(element, malformed)) {
    if (malformed) return Result<ContactList>::failure("empty or unbalanced element");
    if (!parse_element(element, owner, out.contacts, error)) return Result<ContactList>::failure(std::move(error));
  }
  return out;
}

Result<ContactList> parse_contact(std::string_view value) {
  const SharedText copy = share_copy(value);
  return parse_contact(std::string_view(copy.get(), value.size()), copy);
}

Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view value, const SharedText& owner) {
  using R = Result<std::vector<NameAddr>>;
  std::vector<NameAddr> out;
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  std::string error;
  while (split.next(element, malformed)) {
    if (malformed) return R::failure("empty or unbalanced element");
    if (!parse_element(element, owner, out, error)) return R::failure(std::move(error));
    if (!out.back().bracketed) return R::failure("route needs <URI>");
  }
  return out;
}

Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view value) {
  const SharedText copy = share_copy(value);
  return parse_name_addr_list(std::string_view(copy.get(), value.size()), copy);
}

std::string to_string(const NameAddr& na) {
  std::string out;
  if (na.display_name) {
    out = grammar::quote(*na.display_name);
    out.push_back(' ');
  }
  out.push_back('<');
  out += to_string(na.uri);
  out.push_back('>');
  append_params(out, na.params);
  return out;
}

}  // namespace credsvc::sip
