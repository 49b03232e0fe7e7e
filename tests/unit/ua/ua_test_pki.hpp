#pragma once
// A small PKI for the user-agent tests, made at test time once per process
// (RSA generation is slow under ASan): a root CA, the identity key and
// certificate of example.test, the signer credsvc would use, and user
// certificates; plus NOTIFYs built and signed the way the server does.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "identity/rfc4474_signer.hpp"
#include "sip/message.hpp"

namespace credsvc::ua::test {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

inline constexpr char kDomain[] = "example.test";
inline constexpr char kInfoUrl[] = "https://example.test:8443/identity/example.test.cer";

struct Authority {
  certs::PrivateKey key;
  certs::Certificate cert;
};
const Authority& root_ca();   // "CN=UA Test Root"
const Authority& other_ca();  // unrelated root

const certs::PrivateKey& identity_key();  // RSA-2048
// The identity certificate of `domain` (SAN DNS), issued by `ca`.
certs::Certificate identity_cert(const std::string& domain = kDomain, const Authority& ca = root_ca());
const identity::Rfc4474Signer& signer();  // identity_key() with kInfoUrl

const certs::PrivateKey& user_key();  // P-256
// A user certificate for `san_uris`, self-signed, valid in [not_before, not_after].
certs::Certificate user_cert(std::vector<std::string> san_uris,
                             std::optional<Clock::time_point> not_before = std::nullopt,
                             std::optional<Clock::time_point> not_after = std::nullopt);

struct NotifySpec {
  std::string from_uri = "sip:alice@example.test";
  std::string to_uri = "sip:alice@example.test";
  std::string call_id = "4f1c2a@credsvc";
  std::uint32_t cseq = 1;
  std::string content_type = "application/pkix-cert";  // omitted when empty
  std::string body;
  Clock::time_point now = Clock::now();
  std::string subscription_state = "terminated;reason=timeout";
};

// Builds the NOTIFY, signs it with `with` (From, To, Call-ID, CSeq, Date,
// Contact and body, RFC 4474 §9), and parses it.
std::string signed_notify_wire(const NotifySpec& spec, const identity::Rfc4474Signer& with = signer());
sip::Message parse(std::string wire);

std::string der_text(const certs::Certificate& cert);

// A private temporary directory, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace credsvc::ua::test
