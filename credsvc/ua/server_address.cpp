#include "ua/server_address.hpp"

#include <charconv>
#include <stdexcept>

#include "sip/uri.hpp"

namespace credsvc::ua {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::uint16_t parse_port(std::string_view text, std::string_view whole) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) {
    throw std::invalid_argument("'" + std::string(whole) + "': port must be 1-65535");
  }
  return static_cast<std::uint16_t>(value);
}

// Splits "host:port..." at the colon after the host; returns the host and the rest.
std::pair<std::string, std::string_view> split_host(std::string_view text, std::string_view whole) {
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      throw std::invalid_argument("'" + std::string(whole) + "' is not [IPV6]:PORT");
    }
    return {lower(text.substr(1, close - 1)), text.substr(close + 2)};
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw std::invalid_argument("'" + std::string(whole) + "' is not HOST:PORT");
  }
  return {lower(text.substr(0, colon)), text.substr(colon + 1)};
}

}  // namespace

std::string HostPort::key() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

HostPort parse_host_port(std::string_view text) {
  auto [host, rest] = split_host(text, text);
  if (host.empty()) throw std::invalid_argument("'" + std::string(text) + "' has no host");
  return HostPort{std::move(host), parse_port(rest, text)};
}

ResolveMap parse_resolve_specs(const std::vector<std::string>& specs) {
  ResolveMap out;
  for (const auto& spec : specs) {
    auto [host, rest] = split_host(spec, spec);
    const auto colon = rest.find(':');
    if (host.empty() || colon == std::string_view::npos) {
      throw std::invalid_argument("--resolve '" + spec + "' is not HOST:PORT:ADDR");
    }
    const HostPort target{host, parse_port(rest.substr(0, colon), spec)};
    std::string_view address = rest.substr(colon + 1);
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
    if (!sip::is_ip_address(address)) {
      throw std::invalid_argument("--resolve '" + spec + "': '" + std::string(address) + "' is not an IP address");
    }
    out[target.key()] = std::string(address);
  }
  return out;
}

std::string connect_host(const HostPort& target, const ResolveMap& resolve) {
  const auto it = resolve.find(target.key());
  return it != resolve.end() ? it->second : target.host;
}

}  // namespace credsvc::ua
