// The Cache-Control directives of a fetched response that bound how long the
// fetcher keeps it (RFC 9111 §5.2.2). Unknown directives are ignored. No I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace credsvc::http {

struct CacheDirectives {
  bool no_store = false;
  bool no_cache = false;
  std::optional<std::chrono::seconds> max_age;
};

CacheDirectives parse_cache_control(std::string_view value);

}  // namespace credsvc::http
