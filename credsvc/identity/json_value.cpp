#include "identity/json_value.hpp"

#include <utility>

namespace credsvc::identity {

JsonValue JsonValue::boolean(bool b) {
  JsonValue v;
  v.kind_ = Kind::Bool;
  v.bool_ = b;
  return v;
}

JsonValue JsonValue::integer(std::int64_t n) {
  return number(JsonNumber{std::to_string(n), n});
}

JsonValue JsonValue::number(JsonNumber n) {
  JsonValue v;
  v.kind_ = Kind::Number;
  v.number_ = std::move(n);
  return v;
}

JsonValue JsonValue::string(std::string s) {
  JsonValue v;
  v.kind_ = Kind::String;
  v.string_ = std::move(s);
  return v;
}

JsonValue JsonValue::array(Array items) {
  JsonValue v;
  v.kind_ = Kind::Array;
  v.array_ = std::move(items);
  return v;
}

JsonValue JsonValue::object(Object members) {
  JsonValue v;
  v.kind_ = Kind::Object;
  v.object_ = std::move(members);
  return v;
}

const JsonValue* JsonValue::find(std::string_view name) const noexcept {
  const Object* obj = as_object();
  if (obj == nullptr) return nullptr;
  for (const JsonMember& m : *obj) {
    if (m.name == name) return &m.value;
  }
  return nullptr;
}

std::string_view json_kind_name(JsonValue::Kind kind) noexcept {
  switch (kind) {
    case JsonValue::Kind::Null: return "null";
    case JsonValue::Kind::Bool: return "boolean";
    case JsonValue::Kind::Number: return "number";
    case JsonValue::Kind::String: return "string";
    case JsonValue::Kind::Array: return "array";
    case JsonValue::Kind::Object: return "object";
  }
  return "unknown";
}

}  // namespace credsvc::identity
