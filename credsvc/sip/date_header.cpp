#include "sip/date_header.hpp"

#include <array>
#include <cstdio>

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<unsigned> two_digits(std::string_view s) {
  if (s.size() != 2) return std::nullopt;
  const auto n = grammar::parse_uint(s, 99);
  if (!n) return std::nullopt;
  return static_cast<unsigned>(*n);
}

}  // namespace

Result<std::chrono::system_clock::time_point> parse_date(std::string_view value) {
  using Tp = std::chrono::system_clock::time_point;
  auto fail = [] { return Result<Tp>::failure("not an RFC 1123 GMT date"); };
  // wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"
  const std::string_view s = grammar::trim(value);
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s[25] != ' ' || s.substr(26) != "GMT") {
    return fail();
  }
  bool wkday_ok = false;
  for (std::string_view w : kWeekdays) wkday_ok = wkday_ok || s.substr(0, 3) == w;
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (s.substr(8, 3) == kMonths[i]) month = i + 1;
  }
  const auto day = two_digits(s.substr(5, 2));
  const auto year = grammar::parse_uint(s.substr(12, 4), 9999);
  const auto hh = two_digits(s.substr(17, 2));
  const auto mm = two_digits(s.substr(20, 2));
  const auto ss = two_digits(s.substr(23, 2));
  if (!wkday_ok || month == 0 || !day || !year || s.substr(12, 4).size() != 4 || !hh || !mm || !ss ||
      *hh > 23 || *mm > 59 || *ss > 59) {
    return fail();
  }
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*year)},
                                        std::chrono::month{month}, std::chrono::day{*day}};
  if (!ymd.ok()) return fail();
  // Count in seconds first: system_clock ticks in nanoseconds here and spans
  // only about 1677-2262, so a year like 4018 would overflow the conversion.
  const std::chrono::sys_seconds secs = std::chrono::sys_days{ymd} + std::chrono::hours{*hh} +
                                        std::chrono::minutes{*mm} + std::chrono::seconds{*ss};
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  const auto limit = duration_cast<seconds>(Tp::max().time_since_epoch()).count() - 1;
  if (secs.time_since_epoch().count() > limit || secs.time_since_epoch().count() < -limit) {
    return Result<Tp>::failure("date out of range");
  }
  return Tp{duration_cast<Tp::duration>(secs.time_since_epoch())};
}

std::string format_date(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(when);
  const auto days = floor<std::chrono::days>(secs);
  const year_month_day ymd{days};
  const hh_mm_ss hms{secs - days};
  const weekday wd{days};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                std::string(kWeekdays[wd.c_encoding()]).c_str(), static_cast<unsigned>(ymd.day()),
                std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]).c_str(),
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace credsvc::sip
