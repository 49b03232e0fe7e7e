#include "ua/argument_checks.hpp"

#include <stdexcept>

#include "ua/aor_parts.hpp"
#include "ua/server_address.hpp"

namespace credsvc::ua {
namespace {

template <class F>
std::string reason_of(F&& f) {
  try {
    f();
    return {};
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

std::string check_aor_argument(const std::string& value) {
  return reason_of([&] { parse_aor(value); });
}

std::string check_server_argument(const std::string& value) {
  return reason_of([&] { parse_host_port(value); });
}

std::string check_resolve_argument(const std::string& value) {
  return reason_of([&] { parse_resolve_specs({value}); });
}

}  // namespace credsvc::ua
