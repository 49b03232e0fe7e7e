#include "http/json_response.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/object.hpp>

namespace credsvc::http {

Response make_json_response(Status status, std::string json) {
  Response res{status, 11};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::cache_control, "no-store");
  res.body() = std::move(json);
  res.body() += '\n';
  res.prepare_payload();
  return res;
}

Response make_json_error(Status status, std::string_view code, std::string_view message) {
  boost::json::object error;
  error["code"] = boost::json::string_view(code.data(), code.size());
  error["message"] = boost::json::string_view(message.data(), message.size());
  boost::json::object doc;
  doc["error"] = std::move(error);
  return make_json_response(status, boost::json::serialize(doc));
}

}  // namespace credsvc::http
