#pragma once
// RFC 5280 §6 path validation of a leaf through intermediates to trust anchors,
// at a chosen time (RFC 6072 §10.3: a fetched certificate is trusted only via a chain).

#include "certs/certificate.hpp"

#include <chrono>
#include <span>
#include <string>
#include <vector>

namespace credsvc::certs {

struct ChainResult {
    bool verified = false;
    // Empty when verified; else OpenSSL's verification error with the depth and
    // subject of the certificate at fault, e.g.
    // "certificate has expired (depth 0: CN=alice)".
    std::string reason;
    int error_code = 0;    // X509_V_ERR_* (0 when verified)
    int error_depth = -1;  // 0 = leaf; -1 when verified
    std::vector<Certificate> chain;  // leaf to anchor, when verified
    bool ok() const { return verified; }
};

// Any certificate in `trust_anchors` is trusted as an anchor, self-signed or
// not (RFC 5280 §6.1.1 (d): an anchor is a name and key, so a domain may pin
// an intermediate). No purpose or policy checks; `at` replaces the clock.
ChainResult verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                         std::span<const Certificate> trust_anchors, std::chrono::system_clock::time_point at);

}  // namespace credsvc::certs
