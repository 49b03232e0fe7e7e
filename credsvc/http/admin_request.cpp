#include "http/admin_request.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <boost/url/params_view.hpp>
#include <algorithm>
#include <charconv>

#include "http/admin_error.hpp"

namespace credsvc::http {
namespace json = boost::json;

namespace {

bool listed(std::initializer_list<std::string_view> allowed, std::string_view name) {
  return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
}

AdminError bad_request(const char* code, const std::string& message) {
  return AdminError(Status::bad_request, code, message);
}

}  // namespace

JsonBody JsonBody::parse(const Request& request, std::initializer_list<std::string_view> allowed) {
  const auto type = request.find(beast_http::field::content_type);
  if (type != request.end()) {
    std::string_view media(type->value().data(), type->value().size());
    media = media.substr(0, media.find(';'));
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
    if (!boost::beast::iequals(media, "application/json")) {
      throw AdminError(Status::unsupported_media_type, "unsupported_media_type",
                       "content type '" + std::string(media) + "' is not supported: send application/json");
    }
  }
  boost::system::error_code ec;
  json::value parsed = json::parse(request.body(), ec);
  if (ec) throw bad_request("malformed_json", "request body is not valid JSON: " + ec.message());
  if (!parsed.is_object()) throw bad_request("malformed_json", "request body must be a JSON object");
  for (const auto& member : parsed.as_object()) {
    const std::string_view key(member.key().data(), member.key().size());
    if (!listed(allowed, key)) throw bad_request("unknown_field", "unknown member '" + std::string(key) + "'");
  }
  return JsonBody(std::move(parsed.as_object()));
}

std::optional<std::string> JsonBody::optional_string(std::string_view name) const {
  const auto* v = object_.if_contains(json::string_view(name.data(), name.size()));
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string() || v->as_string().empty()) {
    throw bad_request("invalid_field", "'" + std::string(name) + "' must be a non-empty string");
  }
  return std::string(v->as_string());
}

std::string JsonBody::required_string(std::string_view name) const {
  auto value = optional_string(name);
  if (!value) throw bad_request("missing_field", "'" + std::string(name) + "' is required");
  return std::move(*value);
}

std::optional<bool> JsonBody::optional_bool(std::string_view name) const {
  const auto* v = object_.if_contains(json::string_view(name.data(), name.size()));
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) throw bad_request("invalid_field", "'" + std::string(name) + "' must be true or false");
  return v->as_bool();
}

QueryParams QueryParams::parse(std::string_view encoded, std::initializer_list<std::string_view> allowed) {
  QueryParams out;
  if (encoded.empty()) return out;
  try {
    const boost::urls::params_view params(boost::urls::string_view(encoded.data(), encoded.size()),
                                          boost::urls::encoding_opts(true));
    for (const auto& p : params) {
      if (!listed(allowed, p.key)) throw bad_request("unknown_parameter", "unknown query parameter '" + p.key + "'");
      if (!out.values_.emplace(p.key, p.value).second) {
        throw bad_request("malformed_query", "query parameter '" + p.key + "' is given twice");
      }
    }
  } catch (const boost::system::system_error&) {
    throw bad_request("malformed_query", "the query string is not valid");
  }
  return out;
}

std::optional<std::string> QueryParams::get(const std::string& name) const {
  // "?domain=" filters nothing, like no "domain" at all.
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

bool QueryParams::flag(const std::string& name, bool fallback) const {
  const auto value = get(name);
  if (!value) return fallback;
  if (*value == "true") return true;
  if (*value == "false") return false;
  throw bad_request("invalid_parameter", "'" + name + "' must be true or false");
}

std::size_t QueryParams::count(const std::string& name, std::size_t fallback, std::size_t max) const {
  const auto value = get(name);
  if (!value) return fallback;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size() || n < 1 || n > max) {
    throw bad_request("invalid_parameter", "'" + name + "' must be a whole number from 1 to " + std::to_string(max));
  }
  return n;
}

}  // namespace credsvc::http
