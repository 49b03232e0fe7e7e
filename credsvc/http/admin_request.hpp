// What an admin API request carries, read with the checks every endpoint
// shares: a JSON object body (application/json, no unknown members) and the
// query parameters (each known, given once). Faults throw AdminError: 415
// unsupported_media_type, 400 malformed_json, missing_field, invalid_field,
// unknown_field, malformed_query, unknown_parameter. No I/O.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "http/http_message.hpp"

namespace credsvc::http {

class JsonBody {
 public:
  // The request's body as a JSON object whose members are all in `allowed`.
  static JsonBody parse(const Request& request, std::initializer_list<std::string_view> allowed);

  // A string member: required (missing_field when absent, invalid_field when
  // not a non-empty string) or optional (absent or null).
  std::string required_string(std::string_view name) const;
  std::optional<std::string> optional_string(std::string_view name) const;
  std::optional<bool> optional_bool(std::string_view name) const;

 private:
  explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}
  boost::json::object object_;
};

class QueryParams {
 public:
  // `encoded` is RequestContext::query; every name must be in `allowed`.
  static QueryParams parse(std::string_view encoded, std::initializer_list<std::string_view> allowed);

  // The decoded value; nullopt when absent or empty.
  std::optional<std::string> get(const std::string& name) const;
  // "true"/"false" (absent: `fallback`); invalid_parameter otherwise.
  bool flag(const std::string& name, bool fallback) const;
  // A decimal count in [1, max] (absent: `fallback`).
  std::size_t count(const std::string& name, std::size_t fallback, std::size_t max) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace credsvc::http
