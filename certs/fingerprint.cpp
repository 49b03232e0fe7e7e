#include "certs/fingerprint.hpp"

#include "certs/detail/openssl_error.hpp"

#include <openssl/evp.h>

namespace credsvc::certs {

std::string to_hex(ByteView bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

Bytes sha256(ByteView bytes) {
    Bytes digest(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        detail::throw_openssl("sha256: digest failed");
    }
    digest.resize(length);
    return digest;
}

std::string sha256_hex(ByteView bytes) {
    return to_hex(sha256(bytes));
}

}  // namespace credsvc::certs
