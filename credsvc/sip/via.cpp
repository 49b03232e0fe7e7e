#include "sip/via.hpp"

#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::sip {
namespace {

// Checks the params whose grammar is narrower than generic-param.
bool valid_via_params(const ParamViews& params) {
  for (const ParamView& p : params) {
    const std::string_view name = p.name;
    switch (grammar::to_lower(name.front())) {  // names are non-empty tokens
      case 't':
        if (grammar::iequals(name, "ttl") && (!p.value || p.value->size() > 3 || !grammar::parse_uint(*p.value, 255))) {
          return false;
        }
        break;
      case 'r':
        if (grammar::iequals(name, "rport")) {
          if (p.value && !grammar::parse_uint(*p.value, 65535)) return false;
        } else if (grammar::iequals(name, "received")) {
          if (!p.value || !is_ip_address(*p.value)) return false;
        }
        break;
      case 'm':
        if (grammar::iequals(name, "maddr") && (!p.value || !classify_host(*p.value))) return false;
        break;
      case 'b':
        if (grammar::iequals(name, "branch") && (!p.value || p.quoted || !grammar::is_token(*p.value))) {
          return false;
        }
        break;
      default:
        break;
    }
  }
  return true;
}

// Fills a default-constructed `via` (whose share holds `element`); nullptr on
// success, else why not.
const char* parse_one(std::string_view element, DecodedText* decoded, Via& via) {
  auto fail = [](const char* why) { return why; };
  grammar::Scanner sc(element);
  sc.skip_ws();
  // sent-protocol = protocol-name SLASH protocol-version SLASH transport
  const std::string_view name = sc.token();
  if (name.empty() || !sc.separator('/')) return fail("bad sent-protocol");
  const std::string_view version = sc.token();
  if (version.empty() || !sc.separator('/')) return fail("bad sent-protocol");
  const std::string_view transport = sc.token();
  if (transport.empty()) return fail("bad transport");
  via.protocol_name = name;
  via.protocol_version = version;
  via.transport = transport;
  if (!sc.skip_ws()) return fail("missing sent-by");
  // sent-by = host [ COLON port ]
  std::string_view host;
  const std::size_t start = sc.pos();
  if (sc.peek() == '[') {
    const std::size_t close = sc.rest().find(']');
    if (close == std::string_view::npos) return fail("unterminated IPv6 reference");
    host = sc.rest().substr(0, close + 1);
    sc.set_pos(start + close + 1);
  } else {
    host = sc.take_while([](char c) noexcept { return grammar::is_alnum(c) || c == '-' || c == '.'; });
  }
  if (!classify_host(host)) return fail("bad sent-by host");
  via.host = host;
  if (sc.separator(':')) {
    const auto port = grammar::parse_uint(sc.take_while(grammar::is_digit), 65535);
    if (!port) return fail("bad sent-by port");
    via.port = static_cast<std::uint16_t>(*port);
  }
  if (!parse_params(sc, via.params, decoded) || !valid_via_params(via.params)) return fail("bad via-params");
  sc.skip_ws();
  if (!sc.done()) return fail("unexpected text");
  return nullptr;
}

}  // namespace

std::optional<std::uint16_t> Via::rport() const noexcept {
  const auto v = params.value("rport");
  if (!v) return std::nullopt;
  const auto n = grammar::parse_uint(*v, 65535);
  if (!n) return std::nullopt;
  return static_cast<std::uint16_t>(*n);
}

std::optional<int> Via::ttl() const noexcept {
  const auto v = params.value("ttl");
  if (!v) return std::nullopt;
  const auto n = grammar::parse_uint(*v, 255);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

std::string Via::sent_by() const {
  std::string out(host);
  if (port) {
    out.push_back(':');
    out += std::to_string(*port);
  }
  return out;
}

bool parse_via(std::string_view value, const SharedText& owner, std::vector<Via>& out, std::string* error) {
  auto fail = [error](const char* why) {
    if (error != nullptr) *error = why;
    return false;
  };
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  while (split.next(element, malformed)) {
    if (malformed || element.empty()) return fail("empty via-parm");
    Via& via = out.emplace_back();
    const char* why = nullptr;
    if (element.find('\\') != std::string_view::npos) {
      // A quoted parameter value with quoted-pairs: view a private copy.
      DecodedText decoded(element);
      via.text_ = decoded.share();
      why = parse_one(decoded.text(), &decoded, via);
    } else {
      via.text_ = owner;
      why = parse_one(element, nullptr, via);
    }
    if (why != nullptr) return fail(why);
  }
  return true;
}

Result<std::vector<Via>> parse_via(std::string_view value) {
  const SharedText copy = share_copy(value);
  std::vector<Via> out;
  std::string error;
  if (!parse_via(std::string_view(copy.get(), value.size()), copy, out, &error)) {
    return Result<std::vector<Via>>::failure(std::move(error));
  }
  return out;
}

std::string to_string(const Via& via) {
  std::string out(via.protocol_name);
  out.push_back('/');
  out += via.protocol_version;
  out.push_back('/');
  out += via.transport;
  out.push_back(' ');
  out += via.sent_by();
  append_params(out, via.params);
  return out;
}

}  // namespace credsvc::sip
