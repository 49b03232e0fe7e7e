#pragma once
// What kind of public key a certificate or private key holds, and which keys we generate.

#include <string>
#include <string_view>

namespace credsvc::certs {

enum class KeyType { rsa, ec, ed25519, other };

struct KeyInfo {
    KeyType type = KeyType::other;
    int bits = 0;        // as OpenSSL counts: modulus size (RSA), field size (EC), 256 (Ed25519)
    std::string curve;   // EC only: NIST name when there is one ("P-256"), else the SN ("secp256k1")
    std::string name;    // algorithm as OpenSSL names it ("RSA", "EC", "ED25519", "RSA-PSS", ...)
};

// Key kinds PrivateKey::generate offers for real use.
enum class KeyAlgorithm { rsa2048, rsa3072, rsa4096, ec_p256, ec_p384, ed25519 };

std::string_view to_string(KeyType type) noexcept;
std::string_view to_string(KeyAlgorithm algorithm) noexcept;

}  // namespace credsvc::certs
