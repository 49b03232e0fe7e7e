#include "ua/response_summary.hpp"

namespace credsvc::ua {
namespace {

std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
  return out;
}

}  // namespace

std::string describe_refusal(const sip::Message& response) {
  std::string out = "server answered " + std::to_string(response.status()) + " " + printable(response.reason());
  const auto warnings = response.warnings();
  if (warnings && !warnings->empty()) out += " (Warning: " + printable(warnings->front().text) + ")";
  return out;
}

}  // namespace credsvc::ua
