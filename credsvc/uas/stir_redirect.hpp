// STIR signing in SIP redirect mode, as SBCs use a signing server: an INVITE
// from a trusted peer (a verified client certificate, or a configured source
// address) is answered 302 Moved Temporarily with Contact = its Request-URI
// and the RFC 8224 Identity header the peer is to add, a SHAKEN PASSporT
// (RFC 8588) signed with ES256. Anyone else gets 403.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <memory>
#include <string>
#include <vector>

#include "identity/passport_signer.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::uas {

struct StirRedirectOptions {
  std::string attest = "A";  // RFC 8588 attestation level: A, B or C
  std::vector<boost::asio::ip::address> trusted_addresses;
  bool trust_verified_client_certificates = true;
};

class StirRedirect {
 public:
  // Throws std::invalid_argument for an attestation level other than A, B, C.
  StirRedirect(std::shared_ptr<const identity::PassportSigner> signer, StirRedirectOptions options);
  // Answers the INVITE (302, 403, or 400 when it names no identities).
  void handle(const std::shared_ptr<ServerTransaction>& txn) const;

 private:
  bool trusted(const transport::Connection& connection) const;

  std::shared_ptr<const identity::PassportSigner> signer_;
  StirRedirectOptions options_;
};

}  // namespace credsvc::uas
