#include "http/time_format.hpp"

#include <charconv>
#include <ctime>
#include <stdexcept>

namespace credsvc::http {

std::string format_utc(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

std::chrono::system_clock::time_point parse_since(const std::string& text,
                                                 std::chrono::system_clock::time_point now) {
  const auto bad = [&] {
    return std::invalid_argument("'" + text + "' is neither a UTC time (2026-11-21T13:27:00Z) nor a span (30m, 24h, 7d)");
  };
  if (text.size() >= 2 && text.size() <= 12 && std::string_view("smhd").find(text.back()) != std::string_view::npos) {
    long long n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
    if (ec != std::errc() || end != text.data() + text.size() - 1 || n < 0) throw bad();
    const long long unit = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : text.back() == 'h' ? 3600 : 86400;
    return now - std::chrono::seconds(n * unit);
  }
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') throw bad();
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

}  // namespace credsvc::http
