#include "sip/grammar.hpp"

namespace credsvc::sip::grammar {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a == b) return true;  // names usually arrive in their canonical case
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool is_token(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_lws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_lws(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> parse_uint(std::string_view digits, std::uint64_t max) noexcept {
  if (digits.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

bool Scanner::skip_ws() noexcept {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_lws(s_[pos_])) ++pos_;
  return pos_ != start;
}

bool Scanner::separator(char c) noexcept {
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

bool Scanner::literal(char c) noexcept {
  if (pos_ < s_.size() && s_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

std::string_view Scanner::token() noexcept {
  const std::size_t start = pos_;
  while (pos_ < s_.size() && is_token_char(s_[pos_])) ++pos_;
  return s_.substr(start, pos_ - start);
}

bool Scanner::quoted_string(std::string& out) {
  const std::size_t save = pos_;
  skip_ws();
  if (!literal('"')) {
    pos_ = save;
    return false;
  }
  out.clear();
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == '"') return true;
    if (c == '\\') {
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      if (e == '\r' || e == '\n' || static_cast<unsigned char>(e) > 0x7F) break;
      out.push_back(e);
      continue;
    }
    // qdtext excludes the controls other than LWS (RFC 3261 §25.1).
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !is_lws(c)) || u == 0x7F) break;
    out.push_back(c);
  }
  pos_ = save;
  return false;
}

bool Scanner::comment(std::string_view& out) noexcept {
  const std::size_t save = pos_;
  skip_ws();
  if (!literal('(')) {
    pos_ = save;
    return false;
  }
  const std::size_t start = pos_;
  int depth = 1;
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == '\\') {
      if (pos_ >= s_.size()) break;
      ++pos_;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) {
        out = s_.substr(start, pos_ - 1 - start);
        return true;
      }
    }
  }
  pos_ = save;
  return false;
}

bool ListSplitter::next(std::string_view& element, bool& malformed) noexcept {
  if (finished_) return false;
  // Most values are a single element with no quote or bracket to track.
  if (rest_.find(',') == std::string_view::npos && rest_.find('"') == std::string_view::npos &&
      rest_.find('(') == std::string_view::npos) {
    element = trim(rest_);
    finished_ = true;
    return true;
  }
  bool in_quote = false;
  bool in_angle = false;
  int paren = 0;
  for (std::size_t i = 0; i < rest_.size(); ++i) {
    const char c = rest_[i];
    if (in_quote) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_quote = false;
      }
      continue;
    }
    if (in_angle) {
      if (c == '>') in_angle = false;
      continue;
    }
    if (c == '"') {
      in_quote = true;
    } else if (c == '<') {
      in_angle = true;
    } else if (c == '(') {
      ++paren;
    } else if (c == ')') {
      if (paren > 0) --paren;
    } else if (c == ',' && paren == 0) {
      element = trim(rest_.substr(0, i));
      rest_.remove_prefix(i + 1);
      return true;
    }
  }
  if (in_quote || in_angle || paren != 0) malformed = true;
  element = trim(rest_);
  finished_ = true;
  return true;
}

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    if (c == '\r' || c == '\n') {
      out.push_back(' ');  // a quoted-pair cannot carry CR or LF
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || (u < 0x20 && c != '\t') || u == 0x7F) out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace credsvc::sip::grammar
