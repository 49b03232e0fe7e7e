#include "identity/json_parser.hpp"

#include <cstdint>
#include <limits>
#include <utility>

namespace credsvc::identity {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const JsonLimits& limits) : s_(text), limits_(limits) {}

  sip::Result<JsonValue> run() {
    JsonValue v;
    skip_ws();
    if (!value(v, 0)) return sip::Result<JsonValue>::failure(error_);
    skip_ws();
    if (pos_ != s_.size()) return sip::Result<JsonValue>::failure(at("unexpected text after the value"));
    return v;
  }

 private:
  std::string at(std::string_view what) const { return std::string(what) + " at " + std::to_string(pos_); }
  bool fail(std::string_view what) {
    if (error_.empty()) error_ = at(what);
    return false;
  }
  bool done() const noexcept { return pos_ >= s_.size(); }
  char peek() const noexcept { return done() ? '\0' : s_[pos_]; }

  void skip_ws() noexcept {
    while (!done() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool keyword(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(JsonValue& out, std::size_t depth) {
    if (done()) return fail("unexpected end of input");
    switch (peek()) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = JsonValue::string(std::move(s));
        return true;
      }
      case 't':
        if (!keyword("true")) return false;
        out = JsonValue::boolean(true);
        return true;
      case 'f':
        if (!keyword("false")) return false;
        out = JsonValue::boolean(false);
        return true;
      case 'n':
        if (!keyword("null")) return false;
        out = JsonValue();
        return true;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(out);
        return fail("unexpected character");
    }
  }

  bool object(JsonValue& out, std::size_t depth) {
    if (depth > limits_.max_depth) return fail("nesting too deep");
    ++pos_;  // '{'
    JsonValue::Object members;
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      out = JsonValue::object(std::move(members));
      return true;
    }
    for (;;) {
      skip_ws();
      if (peek() != '"') return fail("expected a member name");
      const std::size_t name_pos = pos_;
      std::string name;
      if (!string(name)) return false;
      for (const JsonMember& m : members) {
        // Duplicate names make the meaning depend on the parser (RFC 8259 §4);
        // a signed object must have one reading.
        if (m.name == name) {
          pos_ = name_pos;
          return fail("duplicate key \"" + printable(name) + "\"");
        }
      }
      skip_ws();
      if (peek() != ':') return fail("expected ':'");
      ++pos_;
      skip_ws();
      JsonValue v;
      if (!value(v, depth)) return false;
      members.push_back(JsonMember{std::move(name), std::move(v)});
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        out = JsonValue::object(std::move(members));
        return true;
      }
      return fail(done() ? "unterminated object" : "expected ',' or '}'");
    }
  }

  bool array(JsonValue& out, std::size_t depth) {
    if (depth > limits_.max_depth) return fail("nesting too deep");
    ++pos_;  // '['
    JsonValue::Array items;
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      out = JsonValue::array(std::move(items));
      return true;
    }
    for (;;) {
      skip_ws();
      JsonValue v;
      if (!value(v, depth)) return false;
      items.push_back(std::move(v));
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        out = JsonValue::array(std::move(items));
        return true;
      }
      return fail(done() ? "unterminated array" : "expected ',' or ']'");
    }
  }

  static int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(std::uint32_t& out) {
    if (s_.size() - pos_ < 4) return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(s_[pos_ + static_cast<std::size_t>(i)]);
      if (h < 0) return fail("bad \\u escape");
      out = (out << 4) | static_cast<std::uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // One UTF-8 sequence starting at pos_ (RFC 3629 §4: shortest form, no
  // surrogates, at most U+10FFFF); copies it to `out`.
  bool utf8(std::string& out) {
    const auto b0 = static_cast<unsigned char>(s_[pos_]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
      cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return fail("invalid UTF-8");
    }
    if (s_.size() - pos_ < len) return fail("invalid UTF-8");
    for (std::size_t i = 1; i < len; ++i) {
      const auto b = static_cast<unsigned char>(s_[pos_ + i]);
      if ((b & 0xC0) != 0x80) return fail("invalid UTF-8");
      cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("invalid UTF-8");
    out.append(s_.substr(pos_, len));
    pos_ += len;
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // '"'
    for (;;) {
      if (done()) return fail("unterminated string");
      const char c = s_[pos_];
      const auto u = static_cast<unsigned char>(c);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (u < 0x20) return fail("control character in string");
      if (u >= 0x80) {
        if (!utf8(out)) return false;
        continue;
      }
      if (c != '\\') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      ++pos_;
      if (done()) return fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (s_.substr(pos_, 2) != "\\u") return fail("lone high surrogate");
            pos_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail("lone high surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: --pos_; return fail("bad escape");
      }
    }
  }

  static bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

  // number = [ minus ] int [ frac ] [ exp ] (RFC 8259 §6).
  bool number(JsonValue& out) {
    const std::size_t start = pos_;
    bool negative = false;
    if (peek() == '-') {
      negative = true;
      ++pos_;
    }
    if (!digit(peek())) return fail("bad number");
    if (peek() == '0') {
      ++pos_;
      if (digit(peek())) return fail("leading zero in number");
    } else {
      while (digit(peek())) ++pos_;
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!digit(peek())) return fail("bad number");
      while (digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digit(peek())) return fail("bad number");
      while (digit(peek())) ++pos_;
    }
    JsonNumber n;
    n.text = std::string(s_.substr(start, pos_ - start));
    if (integral) {
      // Accumulate as a negative value so INT64_MIN fits; anything beyond
      // int64 stays a number without an integer value.
      std::int64_t acc = 0;
      bool overflow = false;
      constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
      for (std::size_t i = start + (negative ? 1 : 0); i < pos_ && !overflow; ++i) {
        const int d = s_[i] - '0';
        if (acc < kMin / 10 || (acc == kMin / 10 && d > -(kMin % 10))) {
          overflow = true;
        } else {
          acc = acc * 10 - d;
        }
      }
      if (!overflow) {
        if (!negative) {
          if (acc == kMin) {
            overflow = true;
          } else {
            acc = -acc;
          }
        }
        if (!overflow) n.integer = acc;
      }
    }
    out = JsonValue::number(std::move(n));
    return true;
  }

  static std::string printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 40)) {
      const auto u = static_cast<unsigned char>(c);
      out.push_back(u >= 0x20 && u < 0x7F && c != '"' && c != '\\' ? c : '?');
    }
    return out;
  }

  std::string_view s_;
  const JsonLimits& limits_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

sip::Result<JsonValue> parse_json(std::string_view text, const JsonLimits& limits) {
  return Parser(text, limits).run();
}

}  // namespace credsvc::identity
