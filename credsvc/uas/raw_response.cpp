#include "uas/raw_response.hpp"

#include <array>
#include <cctype>
#include <vector>

#include "sip/message_builder.hpp"

namespace credsvc::uas {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Canonical name of the headers a response copies, or empty.
std::string_view copied_header(std::string_view name) {
  static constexpr std::array<std::array<std::string_view, 3>, 5> kCopied{{
      {"Via", "v", "Via"},
      {"From", "f", "From"},
      {"To", "t", "To"},
      {"Call-ID", "i", "Call-ID"},
      {"CSeq", "CSeq", "CSeq"},
  }};
  for (const auto& h : kCopied) {
    if (iequals(name, h[0]) || iequals(name, h[1])) return h[2];
  }
  return {};
}

}  // namespace

std::optional<std::string> response_to_raw_request(std::string_view raw, int status, std::string_view reason) {
  // A response (or garbage) is never answered.
  const auto first_end = raw.find("\r\n");
  const std::string_view first = raw.substr(0, first_end);
  if (first.empty() || first.substr(0, 4) == "SIP/" || first.find(' ') == std::string_view::npos) return std::nullopt;

  // Header lines up to the empty line, with folded continuations joined.
  std::vector<std::string> lines;
  std::size_t pos = first_end == std::string_view::npos ? raw.size() : first_end + 2;
  while (pos < raw.size()) {
    const auto end = raw.find("\r\n", pos);
    const std::string_view line = raw.substr(pos, end == std::string_view::npos ? raw.size() - pos : end - pos);
    pos = end == std::string_view::npos ? raw.size() : end + 2;
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !lines.empty()) {
      lines.back() += ' ';
      lines.back() += trim(line);
    } else {
      lines.emplace_back(line);
    }
  }
  auto builder = sip::MessageBuilder::response(status, reason);
  bool have_via = false;
  try {
    for (const auto& line : lines) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string_view name = copied_header(trim(std::string_view(line).substr(0, colon)));
      if (name.empty()) continue;
      const std::string_view value = trim(std::string_view(line).substr(colon + 1));
      builder.add(name, value);
      if (name == "Via") have_via = true;
    }
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // a value we must not echo (CR/LF inside)
  }
  if (!have_via) return std::nullopt;
  return builder.build();
}

}  // namespace credsvc::uas
