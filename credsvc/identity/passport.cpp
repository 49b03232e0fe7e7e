#include "identity/passport.hpp"

#include <limits>

#include "identity/canonical_json.hpp"
#include "identity/https_url.hpp"
#include "identity/telephone_number.hpp"
#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::identity {
namespace {

// PASSporT timestamps beyond year 9999 are nonsense, and keeping them small
// keeps every later time_point conversion in range.
constexpr std::int64_t kMaxIat = 253402300799;

Problem problem(Failure f, std::string detail) { return Problem{f, std::move(detail)}; }

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

Problem wrong_type(std::string_view where, std::string_view name, std::string_view want, const JsonValue& got) {
  return problem(Failure::wrong_json_type, std::string(where) + " " + quoted(name) + " must be " +
                                               std::string(want) + ", not " +
                                               std::string(json_kind_name(got.kind())));
}

bool is_uri(std::string_view text) {
  sip::Uri u;
  return !text.empty() && sip::parse_uri(text, u);
}

// An optional string member: nullptr when absent, a Problem for another type.
// `shown` names the member in the error ("orig.tn").
std::optional<Problem> string_member(const JsonValue& obj, std::string_view where, std::string_view name,
                                     const std::string*& out, std::string_view shown = {}) {
  out = nullptr;
  const JsonValue* v = obj.find(name);
  if (v == nullptr) return std::nullopt;
  out = v->as_string();
  if (out == nullptr) return wrong_type(where, shown.empty() ? name : shown, "a string", *v);
  return std::nullopt;
}

}  // namespace

bool is_uuid(std::string_view text) noexcept {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !sip::grammar::is_hex(text[i])) return false;
  }
  return true;
}

JsonValue to_json(const PassportHeader& h) {
  JsonValue::Object o;
  o.push_back({"alg", JsonValue::string(h.alg)});
  if (h.ppt) o.push_back({"ppt", JsonValue::string(*h.ppt)});
  o.push_back({"typ", JsonValue::string(h.typ)});
  o.push_back({"x5u", JsonValue::string(h.x5u)});
  return JsonValue::object(std::move(o));
}

JsonValue to_json(const PassportClaims& c) {
  auto strings = [](const std::vector<std::string>& items) {
    JsonValue::Array a;
    for (const std::string& s : items) a.push_back(JsonValue::string(s));
    return JsonValue::array(std::move(a));
  };
  JsonValue::Object orig;
  if (c.orig.tn) orig.push_back({"tn", JsonValue::string(*c.orig.tn)});
  if (c.orig.uri) orig.push_back({"uri", JsonValue::string(*c.orig.uri)});
  JsonValue::Object dest;
  if (!c.dest.tn.empty()) dest.push_back({"tn", strings(c.dest.tn)});
  if (!c.dest.uri.empty()) dest.push_back({"uri", strings(c.dest.uri)});

  JsonValue::Object o;
  if (c.attest) o.push_back({"attest", JsonValue::string(*c.attest)});
  o.push_back({"dest", JsonValue::object(std::move(dest))});
  o.push_back({"iat", JsonValue::integer(c.iat)});
  o.push_back({"orig", JsonValue::object(std::move(orig))});
  if (c.origid) o.push_back({"origid", JsonValue::string(*c.origid)});
  return JsonValue::object(std::move(o));
}

std::string canonical_header(const PassportHeader& header) { return canonical_json(to_json(header)); }
std::string canonical_payload(const PassportClaims& claims) { return canonical_json(to_json(claims)); }

std::string header_error(const PassportHeader& h) {
  if (h.alg != "ES256") return "alg must be ES256";
  if (h.typ != "passport") return "typ must be \"passport\"";
  if (h.ppt && !sip::grammar::is_token(*h.ppt)) return "ppt must be a token";
  const auto url = parse_https_url(h.x5u);
  if (!url) return "x5u: " + url.error();
  return {};
}

std::string claims_error(const PassportClaims& c, const std::optional<std::string>& ppt) {
  if (c.orig.tn.has_value() == c.orig.uri.has_value()) return "orig needs exactly one of tn or uri";
  if (c.orig.tn && !is_canonical_tn(*c.orig.tn)) return "orig tn is not a canonical telephone number";
  if (c.orig.uri && !is_uri(*c.orig.uri)) return "orig uri is not a URI";
  if (c.dest.tn.empty() && c.dest.uri.empty()) return "dest needs a tn or a uri";
  for (const std::string& tn : c.dest.tn) {
    if (!is_canonical_tn(tn)) return "dest tn is not a canonical telephone number";
  }
  for (const std::string& uri : c.dest.uri) {
    if (!is_uri(uri)) return "dest uri is not a URI";
  }
  if (c.iat < 0 || c.iat > kMaxIat) return "iat out of range";
  if (ppt && *ppt == "shaken") {
    if (!c.attest || (*c.attest != "A" && *c.attest != "B" && *c.attest != "C")) {
      return "shaken: attest must be A, B or C";
    }
    if (!c.origid || !is_uuid(*c.origid)) return "shaken: origid must be a UUID";
    if (!c.orig.tn) return "shaken: orig must be a tn";
    if (c.dest.tn.empty()) return "shaken: dest must have a tn";
  }
  return {};
}

Checked<PassportHeader> header_from_json(const JsonValue& json) {
  constexpr std::string_view kWhere = "header";
  if (json.as_object() == nullptr) {
    return problem(Failure::wrong_json_type,
                   "header must be a JSON object, not " + std::string(json_kind_name(json.kind())));
  }
  // RFC 8225 §8.1 / RFC 7515 §4.1.11: extensions we do not understand must
  // not be ignored when marked critical; we understand none.
  if (json.find("crit") != nullptr) return problem(Failure::unsupported_extension, "header has \"crit\"");
  PassportHeader h;
  const std::string* alg = nullptr;
  const std::string* typ = nullptr;
  const std::string* ppt = nullptr;
  const std::string* x5u = nullptr;
  if (auto p = string_member(json, kWhere, "alg", alg)) return std::move(*p);
  if (auto p = string_member(json, kWhere, "typ", typ)) return std::move(*p);
  if (auto p = string_member(json, kWhere, "ppt", ppt)) return std::move(*p);
  if (auto p = string_member(json, kWhere, "x5u", x5u)) return std::move(*p);
  if (alg == nullptr) return problem(Failure::missing_claim, "header has no \"alg\"");
  if (*alg != "ES256") return problem(Failure::unsupported_algorithm, "alg is not ES256");
  if (typ == nullptr) return problem(Failure::missing_claim, "header has no \"typ\"");
  if (*typ != "passport") return problem(Failure::bad_typ, "typ is not \"passport\"");
  if (x5u == nullptr) return problem(Failure::missing_claim, "header has no \"x5u\"");
  if (ppt != nullptr && (ppt->empty() || !sip::grammar::is_token(*ppt))) {
    return problem(Failure::bad_claim_value, "ppt is not a token");
  }
  h.alg = *alg;
  h.typ = *typ;
  if (ppt != nullptr) h.ppt = *ppt;
  h.x5u = *x5u;
  return h;
}

Checked<PassportClaims> claims_from_json(const JsonValue& json, const std::optional<std::string>& ppt) {
  constexpr std::string_view kWhere = "claim";
  if (json.as_object() == nullptr) {
    return problem(Failure::wrong_json_type,
                   "payload must be a JSON object, not " + std::string(json_kind_name(json.kind())));
  }
  PassportClaims c;

  // iat: a NumericDate; we take whole seconds only.
  const JsonValue* iat = json.find("iat");
  if (iat == nullptr) return problem(Failure::missing_claim, "payload has no \"iat\"");
  const JsonNumber* n = iat->as_number();
  if (n == nullptr) return wrong_type(kWhere, "iat", "an integer", *iat);
  if (!n->integer) {
    const bool integral = n->text.find_first_of(".eE") == std::string::npos;
    if (integral) return problem(Failure::bad_claim_value, "iat out of range");
    return problem(Failure::wrong_json_type, "claim \"iat\" must be an integer, not a fraction");
  }
  if (*n->integer < 0 || *n->integer > kMaxIat) return problem(Failure::bad_claim_value, "iat out of range");
  c.iat = *n->integer;

  // orig: {"tn": "..."} or {"uri": "..."}.
  const JsonValue* orig = json.find("orig");
  if (orig == nullptr) return problem(Failure::missing_claim, "payload has no \"orig\"");
  if (orig->as_object() == nullptr) return wrong_type(kWhere, "orig", "an object", *orig);
  const std::string* tn = nullptr;
  const std::string* uri = nullptr;
  if (auto p = string_member(*orig, kWhere, "tn", tn, "orig.tn")) return std::move(*p);
  if (auto p = string_member(*orig, kWhere, "uri", uri, "orig.uri")) return std::move(*p);
  if ((tn == nullptr) == (uri == nullptr)) {
    return problem(tn == nullptr ? Failure::missing_claim : Failure::bad_claim_value,
                   "\"orig\" needs exactly one of \"tn\" or \"uri\"");
  }
  if (tn != nullptr) {
    if (!is_canonical_tn(*tn)) return problem(Failure::bad_claim_value, "orig tn is not a canonical number");
    c.orig.tn = *tn;
  } else {
    if (!is_uri(*uri)) return problem(Failure::bad_claim_value, "orig uri is not a URI");
    c.orig.uri = *uri;
  }

  // dest: {"tn": [...], "uri": [...]}.
  const JsonValue* dest = json.find("dest");
  if (dest == nullptr) return problem(Failure::missing_claim, "payload has no \"dest\"");
  if (dest->as_object() == nullptr) return wrong_type(kWhere, "dest", "an object", *dest);
  for (const std::string_view member : {std::string_view("tn"), std::string_view("uri")}) {
    const JsonValue* list = dest->find(member);
    if (list == nullptr) continue;
    const std::string name = "dest." + std::string(member);
    if (list->as_array() == nullptr) return wrong_type(kWhere, name, "an array", *list);
    for (const JsonValue& item : *list->as_array()) {
      const std::string* s = item.as_string();
      if (s == nullptr) return wrong_type(kWhere, name + "[]", "a string", item);
      if (member == "tn") {
        if (!is_canonical_tn(*s)) return problem(Failure::bad_claim_value, "dest tn is not a canonical number");
        c.dest.tn.push_back(*s);
      } else {
        if (!is_uri(*s)) return problem(Failure::bad_claim_value, "dest uri is not a URI");
        c.dest.uri.push_back(*s);
      }
    }
  }
  if (c.dest.tn.empty() && c.dest.uri.empty()) {
    return problem(Failure::missing_claim, "\"dest\" has no \"tn\" or \"uri\" entry");
  }

  // SHAKEN claims (RFC 8588 §4): typed whenever present, required under "shaken".
  const std::string* attest = nullptr;
  const std::string* origid = nullptr;
  if (auto p = string_member(json, kWhere, "attest", attest)) return std::move(*p);
  if (auto p = string_member(json, kWhere, "origid", origid)) return std::move(*p);
  const bool shaken = ppt && *ppt == "shaken";
  if (attest != nullptr) {
    if (*attest != "A" && *attest != "B" && *attest != "C") {
      return problem(Failure::bad_claim_value, "attest must be A, B or C");
    }
    c.attest = *attest;
  } else if (shaken) {
    return problem(Failure::missing_claim, "payload has no \"attest\"");
  }
  if (origid != nullptr) {
    if (!is_uuid(*origid)) return problem(Failure::bad_claim_value, "origid is not a UUID");
    c.origid = *origid;
  } else if (shaken) {
    return problem(Failure::missing_claim, "payload has no \"origid\"");
  }
  if (shaken && !c.orig.tn) return problem(Failure::bad_claim_value, "shaken: orig must be a tn");
  if (shaken && c.dest.tn.empty()) return problem(Failure::bad_claim_value, "shaken: dest must have a tn");
  return c;
}

}  // namespace credsvc::identity
