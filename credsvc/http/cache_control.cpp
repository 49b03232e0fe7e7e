#include "http/cache_control.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace credsvc::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

CacheDirectives parse_cache_control(std::string_view value) {
  CacheDirectives out;
  while (!value.empty()) {
    // Split on commas outside quoted strings.
    std::size_t end = 0;
    bool quoted = false;
    for (; end < value.size(); ++end) {
      if (value[end] == '"') quoted = !quoted;
      if (value[end] == '\\' && quoted) ++end;
      else if (value[end] == ',' && !quoted) break;
    }
    const std::string_view directive = trim(value.substr(0, std::min(end, value.size())));
    value.remove_prefix(std::min(end + 1, value.size()));

    const auto eq = directive.find('=');
    const std::string name = lower(trim(directive.substr(0, eq)));
    std::string_view argument = eq == std::string_view::npos ? std::string_view() : trim(directive.substr(eq + 1));
    if (argument.size() >= 2 && argument.front() == '"' && argument.back() == '"') {
      argument = argument.substr(1, argument.size() - 2);
    }
    if (name == "no-store") {
      out.no_store = true;
    } else if (name == "no-cache") {
      out.no_cache = true;
    } else if (name == "max-age") {
      std::uint64_t seconds = 0;
      const auto [ptr, ec] = std::from_chars(argument.data(), argument.data() + argument.size(), seconds);
      if (ec == std::errc::result_out_of_range) {
        seconds = UINT32_MAX;  // RFC 9111 §1.2.2: overflow means "very large"
      } else if (ec != std::errc() || ptr != argument.data() + argument.size() || argument.empty()) {
        // RFC 9111 §4.2.1: an invalid max-age makes the response stale.
        out.max_age = std::chrono::seconds(0);
        continue;
      }
      const auto parsed = std::chrono::seconds(static_cast<std::int64_t>(std::min<std::uint64_t>(seconds, UINT32_MAX)));
      // Several max-age directives: the most careful one counts.
      out.max_age = out.max_age ? std::min(*out.max_age, parsed) : parsed;
    }
  }
  return out;
}

}  // namespace credsvc::http
