#include "loadgen/aor_list.hpp"

#include <stdexcept>
#include <string>

namespace credsvc::loadgen {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::vector<ua::AorParts> parse_aor_list(std::string_view text) {
  std::vector<ua::AorParts> aors;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    try {
      aors.push_back(ua::parse_aor(line));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("line " + std::to_string(line_no) + ": " + e.what());
    }
  }
  if (aors.empty()) throw std::invalid_argument("no AOR in the list");
  return aors;
}

}  // namespace credsvc::loadgen
