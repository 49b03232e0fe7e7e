#include "ua/client_settings.hpp"

#include <algorithm>
#include <stdexcept>

#include "certs/error.hpp"

namespace credsvc::ua {

ClientSettings ClientSettings::make(const std::string& aor, const std::string& server,
                                    const std::vector<std::string>& resolve_specs, std::string ca_pem,
                                    std::chrono::seconds timeout) {
  ClientSettings s;
  s.aor = parse_aor(aor);
  try {
    s.server = parse_host_port(server);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("--server ") + e.what());
  }
  s.resolve = parse_resolve_specs(resolve_specs);
  try {
    if (certs::Certificate::chain_from_pem(ca_pem).empty()) throw certs::Error("no certificate");
  } catch (const certs::Error& e) {
    throw std::invalid_argument(std::string("--ca holds no usable PEM certificate (") + e.what() + ")");
  }
  s.ca_pem = std::move(ca_pem);
  if (timeout.count() <= 0) throw std::invalid_argument("--timeout must be at least 1 second");
  s.timeout = timeout;
  return s;
}

TlsConnectOptions ClientSettings::tls_options() const {
  TlsConnectOptions o;
  o.connect_host = connect_host(server, resolve);
  o.port = server.port;
  o.server_name = aor.domain;
  o.ca_pem = ca_pem;
  o.timeout = timeout;
  return o;
}

std::vector<std::string> ClientSettings::allowed_hosts() const {
  std::vector<std::string> hosts{aor.domain};
  for (const auto& [key, address] : resolve) {
    std::string host = key.substr(0, key.rfind(':'));
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
  }
  return hosts;
}

NotifyTrust ClientSettings::notify_trust() const {
  NotifyTrust t;
  t.trust_anchors = certs::Certificate::chain_from_pem(ca_pem);
  t.allowed_info_hosts = allowed_hosts();
  return t;
}

http::FetcherOptions ClientSettings::fetcher_options() const {
  http::FetcherOptions o;
  o.allowed_hosts = allowed_hosts();
  o.extra_trust_pem = ca_pem;
  o.timeout = timeout;
  o.resolve = resolve;
  return o;
}

}  // namespace credsvc::ua
