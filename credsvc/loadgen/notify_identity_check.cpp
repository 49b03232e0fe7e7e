#include "loadgen/notify_identity_check.hpp"

#include <chrono>

namespace credsvc::loadgen {

NotifyIdentityCheck::NotifyIdentityCheck(const ua::ClientSettings& settings)
    : trust_(settings.notify_trust()), fetcher_(settings.fetcher_options()) {}

const std::vector<certs::Certificate>& NotifyIdentityCheck::chain_for(const std::string& url) {
  auto it = chains_.find(url);
  if (it == chains_.end()) {
    // A failed fetch is kept as an empty chain too: verify_notify then
    // reports the Identity as invalid, and the run does not retry per NOTIFY.
    it = chains_.emplace(url, fetcher_.fetch(url).chain).first;
  }
  return it->second;
}

std::string NotifyIdentityCheck::check(const sip::Message& notify, std::string_view aor) {
  static const std::vector<certs::Certificate> kNone;
  const auto url = ua::identity_info_url(notify);
  const auto& chain = url ? chain_for(*url) : kNone;
  const ua::NotifyVerdict v = ua::verify_notify(notify, aor, chain, trust_, std::chrono::system_clock::now());
  if (v.ok()) return {};
  return "verify_" + std::string(ua::to_string(v.failed));
}

}  // namespace credsvc::loadgen
