#include "identity/canonical_json.hpp"

#include <algorithm>
#include <vector>

namespace credsvc::identity {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (u < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void append_canonical_json(std::string& out, const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::Null: out.append("null"); return;
    case JsonValue::Kind::Bool: out.append(*value.as_bool() ? "true" : "false"); return;
    case JsonValue::Kind::Number: {
      const JsonNumber& n = *value.as_number();
      out.append(n.integer ? std::to_string(*n.integer) : n.text);
      return;
    }
    case JsonValue::Kind::String: append_json_string(out, *value.as_string()); return;
    case JsonValue::Kind::Array: {
      out.push_back('[');
      bool first = true;
      for (const JsonValue& item : *value.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        append_canonical_json(out, item);
      }
      out.push_back(']');
      return;
    }
    case JsonValue::Kind::Object: {
      const JsonValue::Object& members = *value.as_object();
      std::vector<const JsonMember*> sorted;
      sorted.reserve(members.size());
      for (const JsonMember& m : members) sorted.push_back(&m);
      // std::string compares as unsigned bytes (char_traits<char>::lt), so
      // UTF-8 names sort in code point order.
      std::sort(sorted.begin(), sorted.end(),
                [](const JsonMember* a, const JsonMember* b) { return a->name < b->name; });
      out.push_back('{');
      bool first = true;
      for (const JsonMember* m : sorted) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, m->name);
        out.push_back(':');
        append_canonical_json(out, m->value);
      }
      out.push_back('}');
      return;
    }
  }
}

std::string canonical_json(const JsonValue& value) {
  std::string out;
  append_canonical_json(out, value);
  return out;
}

}  // namespace credsvc::identity
