#pragma once
// Keys, a small PKI and request builders shared by the identity tests. Keys
// and certificates are made at test time, once per process (RSA generation is
// slow, especially under ASan).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "identity/rfc4474_signer.hpp"
#include "sip/message.hpp"

namespace credsvc::identity::test {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

const certs::PrivateKey& rsa2048_key();
const certs::PrivateKey& rsa2048_other_key();
const certs::PrivateKey& p256_key();

struct TestCa {
  certs::PrivateKey key;
  certs::Certificate cert;
};
const TestCa& root_ca();        // "CN=Identity Test Root"
const TestCa& other_root_ca();  // unrelated

// A leaf for `key` with the given SANs, valid from `not_before` to `not_after`
// (default: an hour ago to thirty days ahead), issued by `ca`.
certs::Certificate issue_leaf(const certs::PrivateKey& key, std::vector<std::string> san_dns,
                              std::vector<std::string> san_uris = {}, const TestCa& ca = root_ca(),
                              std::optional<Clock::time_point> not_before = std::nullopt,
                              std::optional<Clock::time_point> not_after = std::nullopt);

// Parses a complete message, failing the test (by exception) when it does not parse.
sip::Message parse(std::string wire);

// A certificate-like body with CRLFs, a NUL and bytes above 0x7F.
inline constexpr char kBinaryBody[] = "0\x82\x01\x0a\r\n\0binary\r\n";

// A NOTIFY from credsvc's point of view: header values as written and the
// URIs the signer is told about.
struct NotifySpec {
  std::string from = "\"Alice Example\" <sip:alice@example.com>;tag=1928301774";
  std::string from_uri = "sip:alice@example.com";
  std::string to = "<sip:bob@example.org>;tag=a6c85cf";
  std::string to_uri = "sip:bob@example.org";
  std::string call_id = "a84b4c76e66710@pc33.example.com";
  std::uint32_t cseq = 314159;
  std::string method = "NOTIFY";
  std::optional<std::string> date;  // nullopt: the signer adds one for `now`
  std::optional<std::string> contact = std::string("<sip:credsvc@svc.example.com;transport=tls>");
  std::string contact_uri = "sip:credsvc@svc.example.com;transport=tls";
  std::string content_type = "application/pkix-cert";
  std::string body = std::string(kBinaryBody, sizeof kBinaryBody - 1);
  Clock::time_point now = Clock::now();
};

struct SignedNotify {
  std::string wire;
  Rfc4474Headers headers;
};

// Signs the spec with `signer` (through DigestStringParts, as credsvc does)
// and builds the wire message with Identity and Identity-Info; `extra` lines
// ("Name: value") are added before them.
SignedNotify signed_notify(const Rfc4474Signer& signer, const NotifySpec& spec,
                           const std::vector<std::string>& extra = {});

// The NOTIFY without any Identity headers (for requests built by hand).
std::string unsigned_notify(const NotifySpec& spec, const std::string& date, const std::vector<std::string>& extra);

// Replaces the first occurrence of `from` in `text` (the test fails by
// exception when absent).
std::string replace_once(std::string text, const std::string& from, const std::string& to);

// OpenSSL used directly, independently of the library under test.
// Signature over `data` with digest `md` ("SHA256", "SHA1"); DER for ECDSA.
std::string openssl_sign(const certs::PrivateKey& key, const char* md, const std::string& data);
bool openssl_verify(const certs::Certificate& cert, const char* md, const std::string& data,
                    const std::string& signature);
// ES256 in JWS form (R || S, 32 bytes each) from OpenSSL's DER signature.
std::string es256_sign(const certs::PrivateKey& key, const std::string& data);
// JWS R || S back to DER and verified with OpenSSL.
bool es256_verify(const certs::Certificate& cert, const std::string& data, const std::string& raw);
// "-----BEGIN PUBLIC KEY-----" PEM of the key's public half.
std::string public_key_pem(const certs::PrivateKey& key);
// base64url (no padding) of bytes, written independently of the library.
std::string b64url(const std::string& bytes);

// A fresh private directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace credsvc::identity::test
