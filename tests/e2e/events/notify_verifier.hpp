// Verifies the RFC 4474 Identity of the server's NOTIFYs as a UA would
// (RFC 6072 §10.3): the Identity-Info URL is fetched from the server's real
// HTTPS port and the signer's certificate checked up to the test CA.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "sip/message.hpp"

namespace credsvc::testing::events {

class NotifyVerifier {
 public:
  // `http_port`: where example.test's Identity-Info URLs are answered.
  NotifyVerifier(const certs::Certificate& anchor, unsigned short http_port);

  // A fresh verifier per call: the same NOTIFY may be checked twice
  // (a replay is no fault of the server's).
  identity::VerifyResult verify(const sip::Message& notify);

 private:
  std::vector<certs::Certificate> fetch(const std::string& url);

  certs::Certificate anchor_;
  unsigned short http_port_;
  std::map<std::string, std::vector<certs::Certificate>> fetched_;
};

}  // namespace credsvc::testing::events
