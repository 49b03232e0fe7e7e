#pragma once
// Character classes and small scanners shared by the SIP header grammars
// (RFC 3261 §25.1). Everything here works on std::string_view and is binary
// safe: NUL and non-ASCII bytes are ordinary bytes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace credsvc::sip::grammar {

// One table lookup per character class test: the grammars test every byte.
namespace detail {
enum : std::uint8_t {
  kAlpha = 1, kDigit = 2, kHex = 4, kToken = 8, kMark = 16, kWord = 32, kLws = 64, kWs = 128,
};
constexpr std::uint8_t classify(unsigned char c) noexcept {
  std::uint8_t bits = 0;
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const bool digit = c >= '0' && c <= '9';
  if (alpha) bits |= kAlpha;
  if (digit) bits |= kDigit;
  if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= kHex;
  // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
  if (alpha || digit || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' ||
      c == '`' || c == '\'' || c == '~') {
    bits |= kToken | kWord;
  }
  // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
  if (c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')') {
    bits |= kMark;
  }
  // word (Call-ID) adds "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"
  if (c == '(' || c == ')' || c == '<' || c == '>' || c == ':' || c == '\\' || c == '"' || c == '/' ||
      c == '[' || c == ']' || c == '?' || c == '{' || c == '}') {
    bits |= kWord;
  }
  if (c == ' ' || c == '\t') bits |= kWs | kLws;
  if (c == '\r' || c == '\n') bits |= kLws;
  return bits;
}
struct ClassTable {
  std::uint8_t bits[256];
  constexpr ClassTable() : bits{} {
    for (int i = 0; i < 256; ++i) bits[i] = classify(static_cast<unsigned char>(i));
  }
};
inline constexpr ClassTable kClasses{};
constexpr bool has(char c, std::uint8_t bit) noexcept {
  return (kClasses.bits[static_cast<unsigned char>(c)] & bit) != 0;
}
}  // namespace detail

constexpr bool is_alpha(char c) noexcept { return detail::has(c, detail::kAlpha); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept { return detail::has(c, detail::kAlpha | detail::kDigit); }
constexpr bool is_hex(char c) noexcept { return detail::has(c, detail::kHex); }
constexpr bool is_ws(char c) noexcept { return c == ' ' || c == '\t'; }
// After unfolding (the parser turns CRLF+WS into spaces) LWS is only SP/HT, but
// values handed to the grammars directly may still hold folded CRLFs.
constexpr bool is_lws(char c) noexcept { return detail::has(c, detail::kLws); }
constexpr bool is_token_char(char c) noexcept { return detail::has(c, detail::kToken); }
constexpr bool is_mark(char c) noexcept { return detail::has(c, detail::kMark); }
constexpr bool is_unreserved(char c) noexcept { return detail::has(c, detail::kAlpha | detail::kDigit | detail::kMark); }
constexpr bool is_word_char(char c) noexcept { return detail::has(c, detail::kWord); }

static_assert(is_token_char('~') && !is_token_char('(') && is_word_char('(') && is_unreserved(')') &&
              !is_unreserved('%') && is_lws('\n') && !is_ws('\n') && is_hex('F') && !is_hex('g'));

constexpr char to_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
// The small helpers below are inline: every header field goes through them.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}
std::string lower(std::string_view s);
constexpr bool is_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

// Strips LWS both sides.
constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_lws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_lws(s.back())) s.remove_suffix(1);
  return s;
}

// The first position of `a` or `b` at or after `from` (npos if none): two
// vectorised scans, where std::string_view::find_first_of calls memchr once
// per character.
constexpr std::size_t find_either(std::string_view s, char a, char b, std::size_t from = 0) noexcept {
  const std::size_t i = s.find(a, from);
  const std::size_t j = s.find(b, from);
  return i < j ? i : j;
}
constexpr bool contains_either(std::string_view s, char a, char b) noexcept {
  return find_either(s, a, b) != std::string_view::npos;
}

// Decimal digits only (no sign, no spaces); nullopt on overflow past `max`.
std::optional<std::uint64_t> parse_uint(std::string_view digits, std::uint64_t max) noexcept;

// A cursor over one header value. Each scanner returns false (or nullopt) and
// leaves the cursor where it was when its production does not match.
class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept : s_(text) {}

  [[nodiscard]] bool done() const noexcept { return pos_ >= s_.size(); }
  [[nodiscard]] char peek() const noexcept { return done() ? '\0' : s_[pos_]; }
  [[nodiscard]] std::size_t pos() const noexcept { return pos_; }
  void set_pos(std::size_t p) noexcept { pos_ = p; }
  [[nodiscard]] std::string_view rest() const noexcept { return s_.substr(pos_); }
  [[nodiscard]] std::string_view text() const noexcept { return s_; }

  // SWS: optional linear white space.
  bool skip_ws() noexcept {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_lws(s_[pos_])) ++pos_;
    return pos_ != start;
  }
  // Consumes `c` with optional LWS either side (SEMI, COMMA, EQUAL, SLASH, COLON...).
  bool separator(char c) noexcept {
    const std::size_t save = pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      skip_ws();
      return true;
    }
    pos_ = save;
    return false;
  }
  bool literal(char c) noexcept {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Empty when no token char follows.
  std::string_view token() noexcept {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_token_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  template <class Pred>
  std::string_view take_while(Pred pred) noexcept {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && pred(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }
  // quoted-string with SWS before it; the unescaped content goes to `out`.
  bool quoted_string(std::string& out);
  // The same grammar; `raw` gets the text between the quotes, quoted-pairs
  // still escaped (see unescape_quoted). No allocation.
  bool quoted_string_raw(std::string_view& raw) noexcept;
  // "(" ... ")" with nesting and quoted-pairs; the raw text between the parens.
  bool comment(std::string_view& out) noexcept;

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Splits a comma-separated header value at top-level commas (outside quoted
// strings, <...> and comments). Empty elements are reported as empty views so
// grammars can reject them.
class ListSplitter {
 public:
  explicit ListSplitter(std::string_view value) noexcept : rest_(value) {}
  // Returns false when no element is left; `malformed` is set on an unbalanced
  // quote or bracket.
  bool next(std::string_view& element, bool& malformed) noexcept;

 private:
  std::string_view rest_;
  bool finished_ = false;
};

// The content of a quoted-string from quoted_string_raw with its quoted-pairs
// resolved, one byte at a time into `sink` (returning false to stop).
template <class Sink>
bool unescape_quoted(std::string_view raw, Sink&& sink) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i] == '\\' && i + 1 < raw.size() ? raw[++i] : raw[i];
    if (!sink(c)) return false;
  }
  return true;
}

// Quotes `s` as a SIP quoted-string, escaping '"' and '\\'.
std::string quote(std::string_view s);

}  // namespace credsvc::sip::grammar
