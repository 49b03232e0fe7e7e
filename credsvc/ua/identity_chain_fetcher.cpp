#include "ua/identity_chain_fetcher.hpp"

namespace credsvc::ua {

IdentityChainFetcher::IdentityChainFetcher(http::FetcherOptions options)
    : fetcher_(std::make_unique<http::CertificateFetcher>(io_, std::move(options))) {}

IdentityChainFetcher::~IdentityChainFetcher() {
  fetcher_.reset();
  io_.restart();
  io_.run();  // lets any exchange still in flight finish its handlers
}

FetchedChain IdentityChainFetcher::fetch(const std::string& url) {
  FetchedChain out;
  bool done = false;
  fetcher_->fetch(url, [&](std::error_code ec, const http::CertificateFetcher::Chain& chain) {
    done = true;
    if (ec) {
      out.error = ec.message();
    } else if (chain) {
      out.chain = *chain;
    }
  });
  // The fetch has its own deadline (FetcherOptions::timeout), so this ends.
  while (!done) {
    io_.restart();
    if (io_.run_one() == 0) break;
  }
  if (!done) out.error = "certificate fetch did not complete";
  return out;
}

}  // namespace credsvc::ua
