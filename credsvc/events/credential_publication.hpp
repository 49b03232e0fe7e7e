// PUBLISH for the credential package (RFC 3903, RFC 6072 §8.9-§8.10): the
// owner stores a certificate (and key), refreshes or removes the
// publication. Every change is committed, with its audit row, before the
// 200; a refused or failed PUBLISH leaves the stored credential as it was.
//
//   body, no SIP-If-Match or a matching one   → store (§8.10 checks first)
//   no body, SIP-If-Match, Expires > 0        → refresh (RFC 3903 §4.3)
//   no body and Expires: 0, or no body and no
//   SIP-If-Match                              → revoke: the key can never be
//                                               published again (RFC 6072 §8.9)
#pragma once

#include <memory>

#include "events/package_context.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::events {

class CredentialPublication {
 public:
  explicit CredentialPublication(PackageContext context) : ctx_(std::move(context)) {}
  void handle(std::shared_ptr<uas::ServerTransaction> txn) const;

 private:
  struct Request;
  void store(const std::shared_ptr<uas::ServerTransaction>& txn, const Request& request) const;
  void refresh(const std::shared_ptr<uas::ServerTransaction>& txn, const Request& request) const;
  void revoke(const std::shared_ptr<uas::ServerTransaction>& txn, const Request& request) const;

  PackageContext ctx_;
};

}  // namespace credsvc::events
