#pragma once
// A JSON value (RFC 8259) as the PASSporT code needs it: objects keep their
// members in received order (the canonical writer sorts them), numbers keep
// their text and, when they are integers that fit, their value.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace credsvc::identity {

struct JsonMember;

struct JsonNumber {
  std::string text;                     // as received, e.g. "1443208345" or "1.5e3"
  std::optional<std::int64_t> integer;  // set for an integer literal in int64 range
};

class JsonValue {
 public:
  using Array = std::vector<JsonValue>;
  using Object = std::vector<JsonMember>;
  enum class Kind { Null, Bool, Number, String, Array, Object };

  JsonValue() = default;  // null
  static JsonValue boolean(bool b);
  static JsonValue integer(std::int64_t n);
  static JsonValue number(JsonNumber n);
  static JsonValue string(std::string s);
  static JsonValue array(Array items);
  static JsonValue object(Object members);

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  // Null unless the value is of that kind.
  [[nodiscard]] const bool* as_bool() const noexcept { return kind_ == Kind::Bool ? &bool_ : nullptr; }
  [[nodiscard]] const JsonNumber* as_number() const noexcept { return kind_ == Kind::Number ? &number_ : nullptr; }
  [[nodiscard]] const std::string* as_string() const noexcept { return kind_ == Kind::String ? &string_ : nullptr; }
  [[nodiscard]] const Array* as_array() const noexcept { return kind_ == Kind::Array ? &array_ : nullptr; }
  [[nodiscard]] const Object* as_object() const noexcept { return kind_ == Kind::Object ? &object_ : nullptr; }
  // Object member by name; null when this is not an object or has no such member.
  [[nodiscard]] const JsonValue* find(std::string_view name) const noexcept;

 private:
  // Plain members rather than std::variant: a variant needs its alternatives
  // complete where JsonValue is defined, and JsonMember cannot be yet.
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  JsonNumber number_;
  std::string string_;
  Array array_;
  Object object_;
};

struct JsonMember {
  std::string name;
  JsonValue value;
};

// "null", "boolean", "number", "string", "array", "object" (for error messages).
std::string_view json_kind_name(JsonValue::Kind kind) noexcept;

}  // namespace credsvc::identity
