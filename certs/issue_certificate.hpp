#pragma once
// Issuing certificates from a CA key: the demo domain's test CA, user
// certificates made by `credsvc publish --generate`, and test fixtures.

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace credsvc::certs {

struct IssueRequest {
    std::string common_name;             // subject is CN=<common_name>; must not be empty
    std::vector<std::string> san_uris;   // e.g. "sip:alice@example.com"
    std::vector<std::string> san_dns;    // e.g. "example.com"
    bool is_ca = false;
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
    // OpenSSL short or long names or dotted OIDs ("serverAuth", "clientAuth"); absent: no extension.
    std::optional<std::vector<std::string>> extended_key_usage;
};

// X.509 v3 certificate for `subject_key`, signed by `issuer_key` with SHA-256
// (Ed25519/Ed448: no digest). `issuer_cert` null means self-signed, and then
// `issuer_key` must be `subject_key`. Random 128-bit positive serial, subject
// and authority key identifiers (RFC 5280 §4.2.1.1-2). CA: basicConstraints
// critical CA:TRUE and keyUsage keyCertSign+cRLSign; leaf: CA:FALSE and
// keyUsage digitalSignature (+keyEncipherment for RSA). Errors: Error("issue: ...").
Certificate issue_certificate(const IssueRequest& request, const PrivateKey& subject_key,
                              const Certificate* issuer_cert, const PrivateKey& issuer_key);

}  // namespace credsvc::certs
