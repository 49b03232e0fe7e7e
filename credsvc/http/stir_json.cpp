#include "http/stir_json.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <limits>

#include "http/json_response.hpp"
#include "identity/telephone_number.hpp"

namespace credsvc::http {
namespace json = boost::json;

namespace {

using Fault = std::optional<StirApiError>;

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
  }
  return "value";
}

StirApiError missing(const std::string& path) {
  return stir_error(Status::bad_request, stir_message::missing_parameter,
                    "missing mandatory parameter '" + path + "'", path);
}

StirApiError wrong_type(const std::string& path, std::string_view expected, const json::value& v) {
  return stir_error(Status::bad_request, stir_message::invalid_value,
                    "parameter '" + path + "' must be " + std::string(expected) + ", not " +
                        std::string(kind_name(v)),
                    path);
}

StirApiError invalid(const std::string& path, const std::string& why) {
  return stir_error(Status::bad_request, stir_message::invalid_value, "parameter '" + path + "': " + why, path);
}

// Members other than `allowed` are refused: a misspelt optional member must
// not be silently ignored.
Fault only_members(const json::object& o, const std::string& path, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) {
      const std::string name = path + "." + std::string(kv.key());
      return stir_error(Status::bad_request, stir_message::unexpected_parameter,
                        "unexpected parameter '" + name + "'", name);
    }
  }
  return std::nullopt;
}

Fault read_tn(const json::value& v, const std::string& path, std::string& out) {
  if (!v.is_string()) return wrong_type(path, "a string", v);
  auto tn = identity::canonical_tn(std::string_view(v.get_string()));
  if (!tn) return invalid(path, "not a telephone number (1 to 15 digits, optional '+' and separators)");
  out = std::move(*tn);
  return std::nullopt;
}

Fault read_uri(const json::value& v, const std::string& path, std::string& out) {
  if (!v.is_string()) return wrong_type(path, "a string", v);
  if (v.get_string().empty()) return invalid(path, "empty");
  out = std::string(v.get_string());
  return std::nullopt;
}

// {"tn": "..."} or {"uri": "..."}: exactly one.
// parent[name] as an object holding only "tn" and "uri" members.
Fault tn_or_uri_object(const json::object& parent, const std::string& path, std::string_view name,
                       const json::object*& out) {
  const json::value* v = parent.if_contains(name);
  if (v == nullptr) return missing(path);
  if (!v->is_object()) return wrong_type(path, "an object", *v);
  out = &v->get_object();
  return only_members(*out, path, {"tn", "uri"});
}

Fault read_originator(const json::object& parent, const std::string& parent_path, std::string_view name,
                      identity::PassportOrig& out) {
  const std::string path = parent_path + "." + std::string(name);
  const json::object* object = nullptr;
  if (auto f = tn_or_uri_object(parent, path, name, object)) return f;
  const auto& o = *object;
  const json::value* tn = o.if_contains("tn");
  const json::value* uri = o.if_contains("uri");
  if (tn == nullptr && uri == nullptr) return missing(path + ".tn");
  if (tn != nullptr && uri != nullptr) return invalid(path, "give one of tn or uri, not both");
  if (tn != nullptr) {
    std::string value;
    if (auto f = read_tn(*tn, path + ".tn", value)) return f;
    out.tn = std::move(value);
  } else {
    std::string value;
    if (auto f = read_uri(*uri, path + ".uri", value)) return f;
    out.uri = std::move(value);
  }
  return std::nullopt;
}

// {"tn": [..]} and/or {"uri": [..]}, one entry at least.
Fault read_destination(const json::object& parent, const std::string& parent_path, std::string_view name,
                       identity::PassportDest& out) {
  const std::string path = parent_path + "." + std::string(name);
  const json::object* object = nullptr;
  if (auto f = tn_or_uri_object(parent, path, name, object)) return f;
  const auto& o = *object;
  for (std::string_view member : {std::string_view("tn"), std::string_view("uri")}) {
    const json::value* list = o.if_contains(member);
    if (list == nullptr) continue;
    const std::string list_path = path + "." + std::string(member);
    if (!list->is_array()) return wrong_type(list_path, "an array of strings", *list);
    std::size_t i = 0;
    for (const auto& entry : list->get_array()) {
      const std::string entry_path = list_path + "[" + std::to_string(i++) + "]";
      std::string value;
      if (member == "tn") {
        if (auto f = read_tn(entry, entry_path, value)) return f;
        out.tn.push_back(std::move(value));
      } else {
        if (auto f = read_uri(entry, entry_path, value)) return f;
        out.uri.push_back(std::move(value));
      }
    }
  }
  if (out.tn.empty() && out.uri.empty()) return invalid(path, "needs at least one tn or uri");
  return std::nullopt;
}

// A NumericDate (RFC 7519 §2): a non-negative integer number of seconds.
Fault read_time(const json::object& o, const std::string& parent_path, std::string_view name,
                std::optional<std::int64_t>& out) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr) return std::nullopt;
  const std::string path = parent_path + "." + std::string(name);
  if (v->is_int64()) {
    if (v->get_int64() < 0) return invalid(path, "must not be negative");
    out = v->get_int64();
  } else if (v->is_uint64()) {
    if (v->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return invalid(path, "out of range");
    }
    out = static_cast<std::int64_t>(v->get_uint64());
  } else {
    return wrong_type(path, "an integer", *v);
  }
  return std::nullopt;
}

Fault read_optional_string(const json::object& o, const std::string& parent_path, std::string_view name,
                           std::optional<std::string>& out) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr) return std::nullopt;
  const std::string path = parent_path + "." + std::string(name);
  if (!v->is_string()) return wrong_type(path, "a string", *v);
  out = std::string(v->get_string());
  return std::nullopt;
}

// The body as a JSON object holding exactly `root`, an object.
std::variant<const json::object*, StirApiError> request_object(std::string_view body, std::string_view root,
                                                               json::value& storage) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return stir_error(Status::bad_request, stir_message::missing_body, "missing request body");
  }
  boost::system::error_code ec;
  storage = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec) {
    return stir_error(Status::bad_request, stir_message::malformed_body,
                      "failed to parse the request body as JSON: " + ec.message());
  }
  if (!storage.is_object()) return wrong_type("(body)", "an object", storage);
  const auto& top = storage.get_object();
  const std::string root_name(root);
  for (const auto& kv : top) {
    if (kv.key() != root) {
      return stir_error(Status::bad_request, stir_message::unexpected_parameter,
                        "unexpected parameter '" + std::string(kv.key()) + "'", std::string(kv.key()));
    }
  }
  const json::value* r = top.if_contains(root);
  if (r == nullptr) return missing(root_name);
  if (!r->is_object()) return wrong_type(root_name, "an object", *r);
  return &r->get_object();
}

}  // namespace

StirApiError stir_error(Status status, std::string_view message_id, std::string text, std::string variables) {
  return StirApiError{status, false, std::string(message_id), std::move(text), std::move(variables)};
}

StirApiError stir_policy_error(Status status, std::string_view message_id, std::string text) {
  return StirApiError{status, true, std::string(message_id), std::move(text), {}};
}

StirParsed<StirSigningRequest> parse_signing_request(std::string_view body) {
  json::value storage;
  auto top = request_object(body, "signingRequest", storage);
  if (auto* e = std::get_if<StirApiError>(&top)) return std::move(*e);
  const json::object& o = *std::get<const json::object*>(top);
  const std::string path = "signingRequest";
  if (auto f = only_members(o, path, {"orig", "dest", "iat", "attest", "origid"})) return std::move(*f);
  StirSigningRequest r;
  if (auto f = read_originator(o, path, "orig", r.orig)) return std::move(*f);
  if (auto f = read_destination(o, path, "dest", r.dest)) return std::move(*f);
  if (auto f = read_time(o, path, "iat", r.iat)) return std::move(*f);
  if (auto f = read_optional_string(o, path, "attest", r.attest)) return std::move(*f);
  if (r.attest && *r.attest != "A" && *r.attest != "B" && *r.attest != "C") {
    return invalid(path + ".attest", "must be A, B or C");  // RFC 8588 §4
  }
  if (auto f = read_optional_string(o, path, "origid", r.origid)) return std::move(*f);
  if (r.origid && !identity::is_uuid(*r.origid)) return invalid(path + ".origid", "must be a UUID");
  return r;
}

StirParsed<StirVerificationRequest> parse_verification_request(std::string_view body) {
  json::value storage;
  auto top = request_object(body, "verificationRequest", storage);
  if (auto* e = std::get_if<StirApiError>(&top)) return std::move(*e);
  const json::object& o = *std::get<const json::object*>(top);
  const std::string path = "verificationRequest";
  if (auto f = only_members(o, path, {"from", "to", "time", "identity"})) return std::move(*f);
  StirVerificationRequest r;
  if (auto f = read_originator(o, path, "from", r.from)) return std::move(*f);
  if (auto f = read_destination(o, path, "to", r.to)) return std::move(*f);
  if (auto f = read_time(o, path, "time", r.time)) return std::move(*f);
  const json::value* identity = o.if_contains("identity");
  if (identity == nullptr) return missing(path + ".identity");
  if (!identity->is_string()) return wrong_type(path + ".identity", "a string", *identity);
  if (identity->get_string().empty()) return invalid(path + ".identity", "empty");
  r.identity = std::string(identity->get_string());
  return r;
}

std::variant<identity::PassportClaims, StirApiError> signing_claims(const StirSigningRequest& request,
                                                                    std::int64_t now,
                                                                    const std::string& default_attest,
                                                                    const std::string& new_origid,
                                                                    const std::optional<std::string>& ppt) {
  identity::PassportClaims c;
  c.orig = request.orig;
  c.dest = request.dest;
  c.iat = request.iat.value_or(now);
  c.attest = request.attest.value_or(default_attest);
  c.origid = request.origid.value_or(new_origid);
  const std::string why = identity::claims_error(c, ppt);
  if (!why.empty()) {
    return stir_error(Status::bad_request, stir_message::invalid_value, "cannot sign these claims: " + why,
                      "signingRequest");
  }
  return c;
}

std::string passport_identity_mismatch(const StirVerificationRequest& request,
                                       const identity::PassportClaims& claims) {
  const bool orig_ok = request.from.tn ? claims.orig.tn == request.from.tn : claims.orig.uri == request.from.uri;
  if (!orig_ok) return "PASSporT orig does not match the request's from";
  for (const auto& tn : request.to.tn) {
    for (const auto& d : claims.dest.tn) {
      if (tn == d) return {};
    }
  }
  for (const auto& uri : request.to.uri) {
    for (const auto& d : claims.dest.uri) {
      if (uri == d) return {};
    }
  }
  return "PASSporT dest does not include the request's to";
}

std::string signing_response_json(std::string_view identity_header) {
  json::object inner;
  inner["identity"] = json::string_view(identity_header.data(), identity_header.size());
  return json::serialize(json::object{{"signingResponse", std::move(inner)}});
}

std::string verification_passed_json() {
  return json::serialize(json::object{{"verificationResponse", json::object{{"verstat", "TN-Validation-Passed"}}}});
}

std::string verification_failed_json(int reasoncode, std::string_view reasontext) {
  json::object inner;
  inner["verstat"] = "TN-Validation-Failed";
  inner["reasoncode"] = reasoncode;
  inner["reasontext"] = json::string_view(reasontext.data(), reasontext.size());
  return json::serialize(json::object{{"verificationResponse", std::move(inner)}});
}

std::string stir_error_json(const StirApiError& error) {
  json::object exception;
  exception["messageId"] = error.message_id;
  exception["text"] = error.text;
  if (!error.variables.empty()) exception["variables"] = error.variables;
  json::object request_error;
  request_error[error.policy ? "policyException" : "serviceException"] = std::move(exception);
  return json::serialize(json::object{{"requestError", std::move(request_error)}});
}

Response make_stir_error_response(const StirApiError& error) {
  Response res = make_json_response(error.status, stir_error_json(error));
  // RFC 6750 §3: a 401 names the scheme the client should use.
  if (error.status == Status::unauthorized) res.set(beast_http::field::www_authenticate, "Bearer");
  return res;
}

}  // namespace credsvc::http
