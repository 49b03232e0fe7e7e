// The web console's files (credsvc/http/console/), compiled into the binary
// by embed_console.cmake: plain HTML, JavaScript and CSS, no build step.
#pragma once

#include <span>
#include <string_view>

namespace credsvc::http {

struct ConsoleAsset {
  std::string_view name;          // "index.html", "console.js", ...
  std::string_view content_type;  // "text/html; charset=utf-8", ...
  std::string_view body;
};

std::span<const ConsoleAsset> console_assets();

}  // namespace credsvc::http
