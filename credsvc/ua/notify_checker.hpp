#pragma once
// RFC 6072 §10.3 for the NOTIFYs a subscriber receives: fetches the chain
// named by Identity-Info and runs verify_notify with the clock's time.

#include <string>

#include "sip/message.hpp"
#include "ua/identity_chain_fetcher.hpp"
#include "ua/notify_verification.hpp"

namespace credsvc::ua {

class NotifyChecker {
 public:
  // `fetcher` must outlive the checker.
  NotifyChecker(IdentityChainFetcher& fetcher, NotifyTrust trust, std::string subscribed_aor)
      : fetcher_(fetcher), trust_(std::move(trust)), aor_(std::move(subscribed_aor)) {}

  NotifyVerdict check(const sip::Message& notify);

 private:
  IdentityChainFetcher& fetcher_;
  NotifyTrust trust_;
  std::string aor_;
};

}  // namespace credsvc::ua
