#include "sip/grammar.hpp"

namespace credsvc::sip::grammar {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
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

bool Scanner::quoted_string(std::string& out) {
  std::string_view raw;
  if (!quoted_string_raw(raw)) return false;
  out.clear();
  out.reserve(raw.size());
  unescape_quoted(raw, [&out](char c) {
    out.push_back(c);
    return true;
  });
  return true;
}

bool Scanner::quoted_string_raw(std::string_view& raw) noexcept {
  const std::size_t save = pos_;
  skip_ws();
  if (!literal('"')) {
    pos_ = save;
    return false;
  }
  const std::size_t start = pos_;
  while (pos_ < s_.size()) {
    const char c = s_[pos_++];
    if (c == '"') {
      raw = s_.substr(start, pos_ - 1 - start);
      return true;
    }
    if (c == '\\') {
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      if (e == '\r' || e == '\n' || static_cast<unsigned char>(e) > 0x7F) break;
      continue;
    }
    // qdtext excludes the controls other than LWS (RFC 3261 §25.1).
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !is_lws(c)) || u == 0x7F) break;
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
