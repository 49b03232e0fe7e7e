#include "db/change_event.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace credsvc::db {

std::string_view to_string(ChangeKind kind) noexcept {
  switch (kind) {
    case ChangeKind::credential:
      return "credential";
    case ChangeKind::user:
      return "user";
    case ChangeKind::domain:
      return "domain";
    case ChangeKind::resync:
      return "resync";
  }
  return "unknown";
}

std::optional<ChangeEvent> parse_change_payload(std::string_view payload) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& obj = v.get_object();
  const auto* kind = obj.if_contains("kind");
  const auto* key = obj.if_contains("key");
  const auto* origin = obj.if_contains("origin");
  if (kind == nullptr || !kind->is_string() || key == nullptr || !key->is_string()) return std::nullopt;
  ChangeEvent event;
  const std::string_view k = kind->get_string();
  if (k == "credential") {
    event.kind = ChangeKind::credential;
  } else if (k == "user") {
    event.kind = ChangeKind::user;
  } else if (k == "domain") {
    event.kind = ChangeKind::domain;
  } else {
    return std::nullopt;
  }
  event.key = std::string(key->get_string());
  if (origin != nullptr && origin->is_string()) event.origin = std::string(origin->get_string());
  return event;
}

}  // namespace credsvc::db
