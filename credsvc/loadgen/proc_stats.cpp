#include "loadgen/proc_stats.hpp"

#include <charconv>

namespace credsvc::loadgen {
namespace {

std::optional<std::uint64_t> number(std::string_view s) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::uint64_t> cpu_ticks_from_stat(std::string_view stat) {
  const auto paren = stat.rfind(')');
  if (paren == std::string_view::npos) return std::nullopt;
  std::string_view rest = stat.substr(paren + 1);
  // After "pid (comm)", field 3 (state) comes first; utime is field 14.
  int field = 2;
  std::optional<std::uint64_t> utime;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = rest.find_first_of(" \n");
    const std::string_view token = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    ++field;
    if (field == 14) {
      utime = number(token);
      if (!utime) return std::nullopt;
    } else if (field == 15) {
      const auto stime = number(token);
      if (!stime) return std::nullopt;
      return *utime + *stime;
    }
  }
  return std::nullopt;
}

std::optional<std::uint64_t> rss_bytes_from_status(std::string_view status) {
  constexpr std::string_view key = "VmRSS:";
  std::size_t pos = 0;
  while (pos < status.size()) {
    const auto nl = status.find('\n', pos);
    std::string_view line = status.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? status.size() : nl + 1;
    if (line.substr(0, key.size()) != key) continue;
    line.remove_prefix(key.size());
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) return std::nullopt;
    line.remove_prefix(first);
    const auto space = line.find_first_of(" \t");
    const auto kb = number(line.substr(0, space));
    if (!kb) return std::nullopt;
    const std::string_view unit = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    if (unit.find("kB") == std::string_view::npos) return std::nullopt;
    return *kb * 1024;
  }
  return std::nullopt;
}

}  // namespace credsvc::loadgen
