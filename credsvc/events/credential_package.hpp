// The `credential` event package (RFC 6072 §8): a user's own devices fetch
// and store the user's certificate and PKCS#8 key, after Digest
// authentication; no one else may (403).
#pragma once

#include "events/credential_publication.hpp"
#include "events/package_context.hpp"
#include "uas/uas_core.hpp"

namespace credsvc::events {

class CredentialPackage final : public uas::EventPackage {
 public:
  explicit CredentialPackage(PackageContext context) : ctx_(context), publication_(std::move(context)) {}

  void on_subscribe(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader& event) override;
  void on_publish(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) override {
    publication_.handle(std::move(txn));
  }
  std::vector<std::string> media_types() const override {
    return {"multipart/mixed", "application/pkix-cert", "application/pkcs8"};
  }

 private:
  PackageContext ctx_;
  CredentialPublication publication_;
};

// After authentication as `authenticated_aor`: answers 403 unless it is the
// owner of `target_aor`. Shared by SUBSCRIBE and PUBLISH.
bool check_owner(uas::ServerTransaction& txn, const std::string& authenticated_aor, const std::string& target_aor);

}  // namespace credsvc::events
