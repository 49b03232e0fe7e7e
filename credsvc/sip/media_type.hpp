#pragma once
// Content-Type, Accept (RFC 3261 §20.15, §20.1) and Content-Disposition
// (§20.11). Type and subtype are lower-cased: they compare case-insensitively.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct MediaType {
  std::string type;     // lower-cased, "*" allowed in Accept
  std::string subtype;  // lower-cased
  Params params;

  [[nodiscard]] bool is(std::string_view t, std::string_view s) const noexcept;
  [[nodiscard]] std::optional<std::string_view> boundary() const noexcept { return params.value("boundary"); }
  // Accept matching: "*/*" and "type/*" cover more specific types.
  [[nodiscard]] bool covers(const MediaType& other) const noexcept;
};

Result<MediaType> parse_media_type(std::string_view value);
// Accept: a possibly empty comma-separated list of media ranges.
Result<std::vector<MediaType>> parse_accept(std::string_view value);
std::string to_string(const MediaType& mt);

struct ContentDisposition {
  std::string type;  // lower-cased: "render", "session", "signal", ...
  Params params;
  [[nodiscard]] std::optional<std::string_view> handling() const noexcept { return params.value("handling"); }
};
Result<ContentDisposition> parse_content_disposition(std::string_view value);
std::string to_string(const ContentDisposition& cd);

}  // namespace credsvc::sip
