#include "ua/notify_checker.hpp"

#include <chrono>

#include "identity/https_url.hpp"

namespace credsvc::ua {

NotifyVerdict NotifyChecker::check(const sip::Message& notify) {
  FetchedChain fetched;
  // Only a URL the verifier would accept is fetched: anything else fails
  // verify_notify's own checks first, with a precise reason.
  if (const auto url = identity_info_url(notify)) {
    const auto parsed = identity::parse_https_url(*url);
    if (parsed && identity::host_allowed(parsed->host, trust_.allowed_info_hosts)) fetched = fetcher_.fetch(*url);
  }
  NotifyVerdict v = verify_notify(notify, aor_, fetched.chain, trust_, std::chrono::system_clock::now());
  if (v.identity_failure == identity::Failure::certificate_unavailable && !fetched.error.empty()) {
    v.reason = "Identity not valid: cannot fetch the Identity-Info certificate: " + fetched.error;
  }
  return v;
}

}  // namespace credsvc::ua
