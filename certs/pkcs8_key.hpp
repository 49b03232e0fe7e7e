#pragma once
// A private key: generation, PKCS#8 (RFC 5958) plain and PBES2-encrypted (RFC 8018)
// in DER and PEM, and the public key as SubjectPublicKeyInfo.

#include "certs/bytes.hpp"
#include "certs/key_info.hpp"

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace credsvc::certs {

class Certificate;

// What a DER blob holds, without decrypting it (the server stores PKCS#8 as opaque blobs).
enum class Pkcs8Kind { plain, encrypted, not_pkcs8 };
Pkcs8Kind classify_pkcs8(ByteView der) noexcept;

// Immutable; copies share the underlying EVP_PKEY.
class PrivateKey {
public:
    // PBKDF2 iteration count used when writing encrypted keys unless told otherwise.
    static constexpr int default_pbkdf2_iterations = 100000;

    static PrivateKey generate(KeyAlgorithm algorithm);
    // Any RSA size OpenSSL accepts (>= 512); tests use it to make weak keys.
    static PrivateKey generate_rsa(unsigned bits);
    // Any named curve OpenSSL knows ("P-256", "P-521", "secp256k1", ...).
    static PrivateKey generate_ec(std::string_view curve);

    // PKCS#8 PrivateKeyInfo DER. Errors: "private key: not PKCS#8",
    // "private key: encrypted PKCS#8 needs a passphrase".
    static PrivateKey from_pkcs8_der(ByteView der);
    // PKCS#8 EncryptedPrivateKeyInfo DER, any PBES2 scheme OpenSSL supports.
    // Errors: "private key: wrong passphrase or corrupt encrypted key",
    // "private key: unsupported encryption (...)", "private key: not an encrypted PKCS#8 key".
    static PrivateKey from_encrypted_pkcs8_der(ByteView der, std::string_view passphrase);
    // PEM "PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" (the first key block found).
    static PrivateKey from_pkcs8_pem(std::string_view pem,
                                     std::optional<std::string_view> passphrase = std::nullopt);
    // DER or PEM, plain or encrypted, detected from the input; `passphrase` is
    // only used when the key is encrypted.
    static PrivateKey parse(ByteView der_or_pem, std::optional<std::string_view> passphrase = std::nullopt);
    // Shares a key owned elsewhere; takes a reference.
    static PrivateKey from_native(EVP_PKEY* key);

    Bytes to_pkcs8_der() const;
    std::string to_pkcs8_pem() const;
    // PBES2 with PBKDF2-HMAC-SHA256 (random 16-byte salt) and AES-256-CBC.
    Bytes to_encrypted_pkcs8_der(std::string_view passphrase, int iterations = default_pbkdf2_iterations) const;
    std::string to_encrypted_pkcs8_pem(std::string_view passphrase,
                                       int iterations = default_pbkdf2_iterations) const;

    // The public half as SubjectPublicKeyInfo DER, and its SHA-256 (lower-case hex).
    Bytes public_key_der() const;
    std::string spki_fingerprint_sha256() const;

    KeyInfo key_info() const;

    // True when `cert` carries this key's public half.
    bool matches(const Certificate& cert) const;

    // Non-owning access for signing, TLS contexts, etc.
    EVP_PKEY* native() const noexcept { return key_.get(); }

private:
    explicit PrivateKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
    static PrivateKey adopt(EVP_PKEY* key);

    std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace credsvc::certs
