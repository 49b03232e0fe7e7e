// Fetches the certificates that Identity-Info (RFC 4474 §6.1) and info/x5u
// (RFC 8224 §4.1) URLs point at, for verifying a signed request. Such a URL
// comes from a stranger's message, so a fetch is fenced in: https only, hosts
// on an allow-list only (empty = none, unless allow_any_host), the server
// certificate verified against the trust anchors and the host name, one
// deadline, a response size cap. Results are cached (LRU, each entry until
// the certificates' earliest notAfter, the response's Cache-Control max-age,
// or cache_lifetime, whichever comes first); concurrent fetches of one URL
// share one request. The chain is returned as served: verifying it is the
// caller's business (certs::verify_chain).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "certs/certificate.hpp"
#include "http/fetch_error.hpp"

namespace credsvc::http {

struct FetcherOptions {
  // Hosts that may be contacted: "certs.example.com", "*.example.com", IP
  // addresses. Empty refuses every URL with FetchError::host_not_allowed...
  std::vector<std::string> allowed_hosts;
  // ...unless this says, explicitly, that any host is allowed.
  bool allow_any_host = false;
  // Trust anchors besides the system store (PEM, one or more certificates).
  std::optional<std::string> extra_trust_pem;
  std::chrono::milliseconds timeout{5'000};    // resolve, connect, TLS, request, response
  std::size_t max_response_size = 64 * 1024;  // body bytes
  std::size_t cache_entries = 256;            // 0: no caching
  std::chrono::seconds cache_lifetime{86'400};
  // "host:port" (host in lower case) -> the IP address to connect to instead
  // of resolving the host, like curl --resolve; the TLS checks still use the
  // URL's host. For tests and split-horizon setups.
  std::map<std::string, std::string> resolve;
};

class CertificateFetcher {
 public:
  using Chain = std::shared_ptr<const std::vector<certs::Certificate>>;  // leaf first, never empty
  using Callback = std::function<void(std::error_code, Chain)>;

  // Throws std::runtime_error when extra_trust_pem is unusable.
  CertificateFetcher(boost::asio::io_context& io, FetcherOptions options);
  ~CertificateFetcher();
  CertificateFetcher(const CertificateFetcher&) = delete;
  CertificateFetcher& operator=(const CertificateFetcher&) = delete;

  // Thread-safe. `callback` runs once, posted to the io_context (never
  // inside fetch()), with a chain or an error (fetch_error.hpp; network
  // errors keep their system codes). Fetches in flight when the fetcher is
  // destroyed still complete.
  void fetch(const std::string& url, Callback callback);

  struct Stats {
    std::uint64_t requests = 0;   // HTTPS exchanges started
    std::uint64_t cache_hits = 0;
    std::uint64_t coalesced = 0;  // fetches that joined one in flight
    std::size_t cached = 0;
  };
  Stats stats() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace credsvc::http
