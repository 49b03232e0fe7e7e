#include "certs/key_info.hpp"

#include "certs/detail/describe_key.hpp"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include <array>

namespace credsvc::certs {

std::string_view to_string(KeyType type) noexcept {
    switch (type) {
    case KeyType::rsa: return "RSA";
    case KeyType::ec: return "EC";
    case KeyType::ed25519: return "Ed25519";
    case KeyType::other: break;
    }
    return "other";
}

std::string_view to_string(KeyAlgorithm algorithm) noexcept {
    switch (algorithm) {
    case KeyAlgorithm::rsa2048: return "RSA-2048";
    case KeyAlgorithm::rsa3072: return "RSA-3072";
    case KeyAlgorithm::rsa4096: return "RSA-4096";
    case KeyAlgorithm::ec_p256: return "P-256";
    case KeyAlgorithm::ec_p384: return "P-384";
    case KeyAlgorithm::ed25519: return "Ed25519";
    }
    return "unknown";
}

namespace detail {

namespace {

// "prime256v1" -> "P-256"; curves without a NIST name keep OpenSSL's short name.
std::string curve_name(const EVP_PKEY* key) {
    std::array<char, 80> group{};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) != 1 || length == 0) {
        ERR_clear_error();
        return "explicit parameters";  // no named group: explicit curve parameters
    }
    const std::string name(group.data(), length);
    const int nid = OBJ_sn2nid(name.c_str());
    if (nid != NID_undef) {
        if (const char* nist = EC_curve_nid2nist(nid)) {
            return nist;
        }
    }
    return name;
}

}  // namespace

KeyInfo describe_key(const EVP_PKEY* key) {
    KeyInfo info;
    if (key == nullptr) {
        return info;
    }
    info.bits = EVP_PKEY_get_bits(key);
    if (const char* name = EVP_PKEY_get0_type_name(key)) {
        info.name = name;
    }
    // RSA-PSS-restricted keys are deliberately "other": SIP Identity and TLS
    // profiles here sign with PKCS#1 v1.5 or ECDSA/EdDSA.
    if (EVP_PKEY_is_a(key, "RSA")) {
        info.type = KeyType::rsa;
    } else if (EVP_PKEY_is_a(key, "EC")) {
        info.type = KeyType::ec;
        info.curve = curve_name(key);
    } else if (EVP_PKEY_is_a(key, "ED25519")) {
        info.type = KeyType::ed25519;
    }
    ERR_clear_error();
    return info;
}

}  // namespace detail

}  // namespace credsvc::certs
