// The `certificate` event package (RFC 6072 §7): anyone may subscribe to an
// AOR's certificate, without authentication; every NOTIFY is signed by the
// domain's authentication service (§10.3).
#pragma once

#include "events/package_context.hpp"
#include "uas/uas_core.hpp"

namespace credsvc::events {

class CertificatePackage final : public uas::EventPackage {
 public:
  explicit CertificatePackage(PackageContext context) : ctx_(std::move(context)) {}

  void on_subscribe(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader& event) override;
  // RFC 6072 §7: certificates are published through the credential package.
  void on_publish(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader& event) override;
  std::vector<std::string> media_types() const override { return {"application/pkix-cert"}; }

 private:
  PackageContext ctx_;
};

}  // namespace credsvc::events
