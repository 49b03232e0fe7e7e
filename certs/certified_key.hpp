#pragma once
// A certified key as an administrator gives it for a domain: a PEM chain
// (leaf first) and the PKCS#8 PEM private key of its leaf, for TLS or for
// signing NOTIFYs (SIP Identity). Checked before anything is stored; shared
// by `credsvc admin domain add` (files) and the HTTPS admin API (JSON). No I/O.

#include "certs/error.hpp"

#include <string>
#include <string_view>

namespace credsvc::certs {

enum class CertifiedKeyUse { tls, identity };

// Which of the two inputs is at fault, so callers can name it (a file, a field).
enum class CertifiedKeyFault {
    certificate,   // the chain does not parse
    key,           // the key does not parse (or is encrypted)
    mismatch,      // the key is not the leaf's
    identity_key,  // an identity key that cannot sign rsa-sha256
};

class CertifiedKeyError : public Error {
public:
    CertifiedKeyError(CertifiedKeyFault fault, const std::string& message) : Error(message), fault_(fault) {}
    CertifiedKeyFault fault() const noexcept { return fault_; }

private:
    CertifiedKeyFault fault_;
};

// Normalised PEM: the chain's certificate blocks only, the key as plain PKCS#8.
struct CertifiedKeyPem {
    std::string chain_pem;
    std::string key_pem;
};

// Parses both, checks that the key matches the leaf and, for an identity key,
// that it is RSA of at least 2048 bits (RFC 4474 rsa-sha256). Throws
// CertifiedKeyError with a one-line message that never quotes the key.
CertifiedKeyPem check_certified_key(std::string_view chain_pem, std::string_view key_pem, CertifiedKeyUse use);

}  // namespace credsvc::certs
