// URI equality (RFC 3261 §19.1.4, RFC 3966 §4) and the AOR key.
#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::sip {
namespace {

const UriParam* find_param(const UriParams& ps, std::string_view name) noexcept {
  for (const UriParam& p : ps) {
    if (grammar::iequals(p.name, name)) return &p;
  }
  return nullptr;
}

bool same_value(const UriParam& a, const UriParam& b) noexcept {
  if (a.value.has_value() != b.value.has_value()) return false;
  return !a.value || grammar::iequals(*a.value, *b.value);
}

bool sip_params_equal(const Uri& a, const Uri& b) {
  for (const UriParam& pa : a.params) {
    const UriParam* pb = find_param(b.params, pa.name);
    if (pb != nullptr) {
      if (!same_value(pa, *pb)) return false;
    } else if (grammar::iequals(pa.name, "user") || grammar::iequals(pa.name, "ttl") ||
               grammar::iequals(pa.name, "method") || grammar::iequals(pa.name, "maddr")) {
      // §19.1.4: these never match a URI that lacks them, even at their default.
      return false;
    }
  }
  for (const UriParam& pb : b.params) {
    if (find_param(a.params, pb.name) == nullptr &&
        (grammar::iequals(pb.name, "user") || grammar::iequals(pb.name, "ttl") ||
         grammar::iequals(pb.name, "method") || grammar::iequals(pb.name, "maddr"))) {
      return false;
    }
  }
  return true;
}

// §19.1.4: header components are never ignored; every one must be in both.
bool headers_equal(const Uri& a, const Uri& b) {
  if (a.headers.size() != b.headers.size()) return false;
  for (const UriHeader& ha : a.headers) {
    bool found = false;
    for (const UriHeader& hb : b.headers) {
      if (grammar::iequals(ha.name, hb.name) && ha.value == hb.value) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

std::string tel_digits(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c != '-' && c != '.' && c != '(' && c != ')') out.push_back(grammar::to_lower(c));
  }
  return out;
}

}  // namespace

bool uri_equal(const Uri& a, const Uri& b) {
  if (a.scheme != b.scheme) return false;
  switch (a.scheme) {
    case UriScheme::Other:
      return grammar::iequals(a.scheme_name, b.scheme_name) && a.opaque == b.opaque;
    case UriScheme::Tel: {
      if (tel_digits(a.number) != tel_digits(b.number) || a.params.size() != b.params.size()) {
        return false;
      }
      for (const UriParam& pa : a.params) {
        const UriParam* pb = find_param(b.params, pa.name);
        if (pb == nullptr || !same_value(pa, *pb)) return false;
      }
      return true;
    }
    case UriScheme::Sip:
    case UriScheme::Sips:
      break;
  }
  return a.user == b.user && a.password == b.password && grammar::iequals(a.host, b.host) &&
         a.port == b.port && sip_params_equal(a, b) && headers_equal(a, b);
}

std::string aor_of(const Uri& uri) {
  switch (uri.scheme) {
    case UriScheme::Sip:
    case UriScheme::Sips: {
      std::string out;
      if (uri.user) {
        out = escape_user(*uri.user);
        out.push_back('@');
      }
      out += grammar::lower(uri.host);
      return out;
    }
    case UriScheme::Tel:
      return "tel:" + tel_digits(uri.number);
    case UriScheme::Other:
      break;
  }
  std::string out = grammar::lower(uri.scheme_name);
  out.push_back(':');
  out += uri.opaque;
  return out;
}

}  // namespace credsvc::sip
