#pragma once
// What both user-agent commands are told about the service: the AOR, where
// to connect (--server, --resolve), what to trust (--ca) and how long to
// wait (--timeout), turned into the options of each component.

#include <chrono>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "http/certificate_fetcher.hpp"
#include "ua/aor_parts.hpp"
#include "ua/notify_verification.hpp"
#include "ua/server_address.hpp"
#include "ua/sip_tls_connection.hpp"

namespace credsvc::ua {

struct ClientSettings {
  AorParts aor;
  HostPort server;
  ResolveMap resolve;
  std::string ca_pem;  // the --ca file's contents
  std::chrono::seconds timeout{10};

  // Throws std::invalid_argument naming the bad argument (AOR, server,
  // resolve spec, CA PEM without certificates, timeout 0).
  static ClientSettings make(const std::string& aor, const std::string& server,
                             const std::vector<std::string>& resolve_specs, std::string ca_pem,
                             std::chrono::seconds timeout);

  // TLS to --server (or its override), SNI and host check = the AOR's domain.
  [[nodiscard]] TlsConnectOptions tls_options() const;
  // Trust anchors = --ca; Identity-Info hosts = the AOR's domain and every
  // --resolve host.
  [[nodiscard]] NotifyTrust notify_trust() const;
  // The same hosts and anchors (besides the system store), the overrides.
  [[nodiscard]] http::FetcherOptions fetcher_options() const;

 private:
  std::vector<std::string> allowed_hosts() const;
};

}  // namespace credsvc::ua
