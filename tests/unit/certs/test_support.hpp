#pragma once
// Keys and CAs shared by the certs tests, generated on first use (once per
// process: RSA generation is slow, especially under ASan).

#include "certs/certificate.hpp"
#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"

#include <chrono>
#include <string>

namespace credsvc::certs::test {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

const PrivateKey& rsa1024_key();
const PrivateKey& rsa2048_key();
const PrivateKey& rsa3072_key();
const PrivateKey& p256_key();
const PrivateKey& p256_other_key();
const PrivateKey& p384_key();
const PrivateKey& ed25519_key();

struct TestCa {
    PrivateKey key;
    Certificate cert;
};
// Self-signed P-256 root "CN=Test Root CA", valid from an hour ago for ten years.
const TestCa& root_ca();
// P-256 "CN=Test Intermediate CA" signed by root_ca().
const TestCa& intermediate_ca();
// A second, unrelated root "CN=Other Root CA".
const TestCa& other_root_ca();

// A leaf request for `aor`: CN=<aor>, one SAN URI <aor>, valid from an hour ago for 30 days.
IssueRequest leaf_request(const std::string& aor);

// Leaf for `key` with `request`, issued by `ca` (default: intermediate_ca()).
Certificate issue_leaf(const IssueRequest& request, const PrivateKey& key, const TestCa& ca = intermediate_ca());

// Round a time to whole seconds, as X.509 stores it.
Clock::time_point whole_seconds(Clock::time_point t);

// Lower-case hex of raw bytes, written independently of the library.
std::string hex_of(const unsigned char* data, std::size_t size);

}  // namespace credsvc::certs::test
