#include "sip/numeric_headers.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

std::optional<std::uint64_t> whole_number(std::string_view value, std::uint64_t max) {
  return grammar::parse_uint(grammar::trim(value), max);
}

}  // namespace

Result<std::uint32_t> parse_delta_seconds(std::string_view value) {
  const auto n = whole_number(value, 0xFFFFFFFFULL);
  if (!n) return Result<std::uint32_t>::failure("not a delta-seconds value");
  return static_cast<std::uint32_t>(*n);
}

Result<std::uint32_t> parse_max_forwards(std::string_view value) {
  const auto n = whole_number(value, 255);
  if (!n) return Result<std::uint32_t>::failure("not a number from 0 to 255");
  return static_cast<std::uint32_t>(*n);
}

Result<std::uint64_t> parse_content_length(std::string_view value) {
  // Far above any message size limit, but small enough to add to an offset.
  const auto n = whole_number(value, 0xFFFFFFFFULL);
  if (!n) return Result<std::uint64_t>::failure("not a length");
  return *n;
}

Result<RetryAfter> parse_retry_after(std::string_view value) {
  auto fail = [] { return Result<RetryAfter>::failure("bad Retry-After"); };
  grammar::Scanner sc(value);
  sc.skip_ws();
  const auto n = grammar::parse_uint(sc.take_while(grammar::is_digit), 0xFFFFFFFFULL);
  if (!n) return fail();
  RetryAfter out;
  out.seconds = static_cast<std::uint32_t>(*n);
  std::string_view comment;
  if (sc.comment(comment)) out.comment = std::string(comment);
  if (!parse_params(sc, out.params)) return fail();
  sc.skip_ws();
  if (!sc.done()) return fail();
  if (const Param* d = out.params.find("duration")) {
    const auto dn = d->value ? grammar::parse_uint(*d->value, 0xFFFFFFFFULL) : std::nullopt;
    if (!dn) return fail();
    out.duration = static_cast<std::uint32_t>(*dn);
  }
  return out;
}

}  // namespace credsvc::sip
