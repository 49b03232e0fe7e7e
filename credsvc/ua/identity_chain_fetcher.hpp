#pragma once
// Fetches the identity certificate chain an Identity-Info URL names (RFC
// 4474 §6), blocking, through http::CertificateFetcher: https only, hosts on
// the allow-list only, the server certificate verified, --resolve overrides
// applied, results cached for the life of the object.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "http/certificate_fetcher.hpp"

namespace credsvc::ua {

struct FetchedChain {
  std::vector<certs::Certificate> chain;  // leaf first; empty on failure
  std::string error;                      // why it failed; empty on success
};

class IdentityChainFetcher {
 public:
  // Throws std::runtime_error when the options' trust PEM is unusable.
  explicit IdentityChainFetcher(http::FetcherOptions options);
  ~IdentityChainFetcher();
  IdentityChainFetcher(const IdentityChainFetcher&) = delete;
  IdentityChainFetcher& operator=(const IdentityChainFetcher&) = delete;

  FetchedChain fetch(const std::string& url);

 private:
  boost::asio::io_context io_;
  std::unique_ptr<http::CertificateFetcher> fetcher_;
};

}  // namespace credsvc::ua
