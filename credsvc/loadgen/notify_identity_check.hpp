// --verify: RFC 6072 §10.3 on every NOTIFY a fetch brings (ua::verify_notify:
// From, Identity signature and chain, certificate validity and SAN). The
// identity chain is fetched once per Identity-Info URL, blocking, over HTTPS
// (ua::IdentityChainFetcher), and kept for the run.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "certs/certificate.hpp"
#include "sip/message.hpp"
#include "ua/client_settings.hpp"
#include "ua/identity_chain_fetcher.hpp"
#include "ua/notify_verification.hpp"

namespace credsvc::loadgen {

class NotifyIdentityCheck {
 public:
  explicit NotifyIdentityCheck(const ua::ClientSettings& settings);

  // Empty when the NOTIFY may be trusted for `aor` (canonical); otherwise
  // the error kind: "verify_identity_invalid", "verify_no_certificate", ...
  std::string check(const sip::Message& notify, std::string_view aor);

 private:
  const std::vector<certs::Certificate>& chain_for(const std::string& url);

  ua::NotifyTrust trust_;
  ua::IdentityChainFetcher fetcher_;
  std::map<std::string, std::vector<certs::Certificate>> chains_;
};

}  // namespace credsvc::loadgen
