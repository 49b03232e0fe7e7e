#pragma once
// The command-line forms of where to connect: --server HOST:PORT and
// --resolve HOST:PORT:ADDR (like curl --resolve: connect to ADDR when
// HOST:PORT is wanted, still checking certificates against HOST). No I/O.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace credsvc::ua {

struct HostPort {
  std::string host;  // lower-cased; an IPv6 literal without its [ ]
  std::uint16_t port = 0;
  // "host:port" (IPv6 in brackets): the key of a ResolveMap.
  [[nodiscard]] std::string key() const;
};

// "example.test:5061", "127.0.0.1:5061", "[::1]:5061". Throws
// std::invalid_argument naming the fault.
HostPort parse_host_port(std::string_view text);

// "host:port" -> IP address, as http::FetcherOptions::resolve takes it.
using ResolveMap = std::map<std::string, std::string>;

// Each spec is HOST:PORT:ADDR; ADDR must be an IP address (IPv6 may be
// bracketed). Throws std::invalid_argument naming the bad spec.
ResolveMap parse_resolve_specs(const std::vector<std::string>& specs);

// The address to connect to for `target`: the override, or its host.
std::string connect_host(const HostPort& target, const ResolveMap& resolve);

}  // namespace credsvc::ua
