#include "certs/pkcs8_key.hpp"

#include "certs/certificate.hpp"
#include "certs/detail/describe_key.hpp"
#include "certs/detail/openssl_error.hpp"
#include "certs/detail/openssl_ptr.hpp"
#include "certs/detail/pem.hpp"
#include "certs/error.hpp"
#include "certs/fingerprint.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <climits>

namespace credsvc::certs {

namespace {

// PKCS#5 §4.1 asks for at least 64 bits of salt; 128 costs nothing.
constexpr int salt_length = 16;

detail::P8InfoPtr decode_private_key_info(ByteView der) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) {
        return nullptr;
    }
    const unsigned char* cursor = der.data();
    detail::P8InfoPtr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, static_cast<long>(der.size())));
    if (info && cursor != der.data() + der.size()) {
        info.reset();
    }
    ERR_clear_error();
    return info;
}

detail::X509SigPtr decode_encrypted_private_key_info(ByteView der) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) {
        return nullptr;
    }
    const unsigned char* cursor = der.data();
    detail::X509SigPtr sig(d2i_X509_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (sig && cursor != der.data() + der.size()) {
        sig.reset();
    }
    ERR_clear_error();
    return sig;
}

int checked_length(std::string_view passphrase) {
    if (passphrase.size() > static_cast<std::size_t>(INT_MAX)) {
        detail::throw_error("private key: passphrase too long");
    }
    return static_cast<int>(passphrase.size());
}

// True when the queued errors say the scheme (cipher, PRF, KDF) is not
// available, as opposed to a decryption that ran and failed.
bool queue_reports_unsupported(std::string& reason) {
    bool unsupported = false;
    for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
        const int lib = ERR_GET_LIB(code);
        const int why = ERR_GET_REASON(code);
        const bool evp_unsupported =
            lib == ERR_LIB_EVP &&
            (why == EVP_R_UNKNOWN_PBE_ALGORITHM || why == EVP_R_UNSUPPORTED_CIPHER ||
             why == EVP_R_UNSUPPORTED_PRF || why == EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION ||
             why == EVP_R_UNSUPPORTED_KEYLENGTH || why == EVP_R_UNSUPPORTED_ALGORITHM);
        if (!unsupported && (evp_unsupported || why == ERR_R_UNSUPPORTED)) {
            unsupported = true;
            if (const char* text = ERR_reason_error_string(code)) {
                reason = text;
            }
        }
    }
    return unsupported;
}

PrivateKey key_from_info(const PKCS8_PRIV_KEY_INFO* info, auto make) {
    EVP_PKEY* key = EVP_PKCS82PKEY_ex(info, nullptr, nullptr);
    if (key == nullptr) {
        detail::throw_openssl("private key: unsupported or malformed key in PKCS#8");
    }
    return make(key);
}

Bytes wiped_i2d(unsigned char* data, int length, std::string_view what) {
    if (length <= 0 || data == nullptr) {
        OPENSSL_free(data);
        detail::throw_openssl(what);
    }
    Bytes out(data, data + length);
    OPENSSL_clear_free(data, static_cast<size_t>(length));
    return out;
}

}  // namespace

Pkcs8Kind classify_pkcs8(ByteView der) noexcept {
    if (decode_private_key_info(der)) {
        return Pkcs8Kind::plain;
    }
    if (decode_encrypted_private_key_info(der)) {
        return Pkcs8Kind::encrypted;
    }
    return Pkcs8Kind::not_pkcs8;
}

PrivateKey PrivateKey::adopt(EVP_PKEY* key) {
    ERR_clear_error();
    return PrivateKey(std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

PrivateKey PrivateKey::generate(KeyAlgorithm algorithm) {
    switch (algorithm) {
    case KeyAlgorithm::rsa2048: return generate_rsa(2048);
    case KeyAlgorithm::rsa3072: return generate_rsa(3072);
    case KeyAlgorithm::rsa4096: return generate_rsa(4096);
    case KeyAlgorithm::ec_p256: return generate_ec("P-256");
    case KeyAlgorithm::ec_p384: return generate_ec("P-384");
    case KeyAlgorithm::ed25519: break;
    }
    ERR_clear_error();
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (key == nullptr) {
        detail::throw_openssl("private key: cannot generate Ed25519 key");
    }
    return adopt(key);
}

PrivateKey PrivateKey::generate_rsa(unsigned bits) {
    ERR_clear_error();
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
    if (key == nullptr) {
        detail::throw_openssl("private key: cannot generate RSA-" + std::to_string(bits) + " key");
    }
    return adopt(key);
}

PrivateKey PrivateKey::generate_ec(std::string_view curve) {
    const std::string name(curve);
    ERR_clear_error();
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", name.c_str());
    if (key == nullptr) {
        detail::throw_openssl("private key: cannot generate EC key on curve " + name);
    }
    return adopt(key);
}

PrivateKey PrivateKey::from_pkcs8_der(ByteView der) {
    const detail::P8InfoPtr info = decode_private_key_info(der);
    if (!info) {
        if (decode_encrypted_private_key_info(der)) {
            detail::throw_error("private key: encrypted PKCS#8 needs a passphrase");
        }
        detail::throw_error("private key: not PKCS#8");
    }
    return key_from_info(info.get(), adopt);
}

PrivateKey PrivateKey::from_encrypted_pkcs8_der(ByteView der, std::string_view passphrase) {
    const detail::X509SigPtr sig = decode_encrypted_private_key_info(der);
    if (!sig) {
        if (decode_private_key_info(der)) {
            detail::throw_error("private key: not an encrypted PKCS#8 key");
        }
        detail::throw_error("private key: not PKCS#8");
    }
    const int length = checked_length(passphrase);
    const char* pass = passphrase.empty() ? "" : passphrase.data();
    const detail::P8InfoPtr info(PKCS8_decrypt_ex(sig.get(), pass, length, nullptr, nullptr));
    if (!info) {
        std::string reason;
        if (queue_reports_unsupported(reason)) {
            detail::throw_error("private key: unsupported encryption (" + reason + ")");
        }
        // A bad padding check and a garbled PrivateKeyInfo look the same to us:
        // RFC 8018 offers no way to tell a wrong passphrase from corruption.
        detail::throw_error("private key: wrong passphrase or corrupt encrypted key");
    }
    return key_from_info(info.get(), adopt);
}

PrivateKey PrivateKey::from_pkcs8_pem(std::string_view pem, std::optional<std::string_view> passphrase) {
    detail::PemReader reader(pem, "private key");
    while (auto block = reader.next()) {
        const std::string& label = block->label;
        if (label == "PRIVATE KEY") {
            return from_pkcs8_der(block->der);
        }
        if (label == "ENCRYPTED PRIVATE KEY") {
            if (!passphrase) {
                detail::throw_error("private key: encrypted PKCS#8 needs a passphrase");
            }
            return from_encrypted_pkcs8_der(block->der, *passphrase);
        }
        // Legacy "RSA PRIVATE KEY", "EC PRIVATE KEY", OpenSSH keys, ...: named, not guessed at.
        if (label.size() > 11 && label.ends_with("PRIVATE KEY")) {
            detail::throw_error("private key: not PKCS#8 (PEM label " + label + ")");
        }
    }
    detail::throw_error("private key: no PEM private key found");
}

PrivateKey PrivateKey::parse(ByteView der_or_pem, std::optional<std::string_view> passphrase) {
    if (der_or_pem.empty()) {
        detail::throw_error("private key: empty input");
    }
    // DER PKCS#8 always starts with a SEQUENCE tag; PEM text never does.
    if (der_or_pem.front() != 0x30) {
        return from_pkcs8_pem(as_text(der_or_pem), passphrase);
    }
    switch (classify_pkcs8(der_or_pem)) {
    case Pkcs8Kind::plain: return from_pkcs8_der(der_or_pem);
    case Pkcs8Kind::encrypted:
        if (!passphrase) {
            detail::throw_error("private key: encrypted PKCS#8 needs a passphrase");
        }
        return from_encrypted_pkcs8_der(der_or_pem, *passphrase);
    case Pkcs8Kind::not_pkcs8: break;
    }
    detail::throw_error("private key: not PKCS#8");
}

PrivateKey PrivateKey::from_native(EVP_PKEY* key) {
    if (key == nullptr || EVP_PKEY_up_ref(key) != 1) {
        detail::throw_error("private key: null key");
    }
    return adopt(key);
}

Bytes PrivateKey::to_pkcs8_der() const {
    const detail::P8InfoPtr info(EVP_PKEY2PKCS8(key_.get()));
    if (!info) {
        detail::throw_openssl("private key: cannot encode PKCS#8");
    }
    unsigned char* data = nullptr;
    const int length = i2d_PKCS8_PRIV_KEY_INFO(info.get(), &data);
    return wiped_i2d(data, length, "private key: cannot encode PKCS#8");
}

std::string PrivateKey::to_pkcs8_pem() const {
    Bytes der = to_pkcs8_der();
    std::string pem = detail::pem_encode("PRIVATE KEY", der);
    OPENSSL_cleanse(der.data(), der.size());
    return pem;
}

Bytes PrivateKey::to_encrypted_pkcs8_der(std::string_view passphrase, int iterations) const {
    if (passphrase.empty()) {
        detail::throw_error("private key: empty passphrase");
    }
    if (iterations < 1) {
        detail::throw_error("private key: PBKDF2 iteration count must be positive");
    }
    const int length = checked_length(passphrase);
    const detail::P8InfoPtr info(EVP_PKEY2PKCS8(key_.get()));
    if (!info) {
        detail::throw_openssl("private key: cannot encode PKCS#8");
    }
    // RFC 8018 §6.2 PBES2 with PBKDF2 (§5.2) using HMAC-SHA256 and AES-256-CBC; random salt and IV.
    detail::X509AlgorPtr pbe(PKCS5_pbe2_set_iv_ex(EVP_aes_256_cbc(), iterations, nullptr, salt_length, nullptr,
                                                  NID_hmacWithSHA256, nullptr));
    if (!pbe) {
        detail::throw_openssl("private key: cannot set up PBES2");
    }
    const detail::X509SigPtr sig(PKCS8_set0_pbe_ex(passphrase.data(), length, info.get(), pbe.get(), nullptr, nullptr));
    if (!sig) {
        detail::throw_openssl("private key: encryption failed");
    }
    static_cast<void>(pbe.release());  // now owned by sig
    unsigned char* data = nullptr;
    const int size = i2d_X509_SIG(sig.get(), &data);
    return wiped_i2d(data, size, "private key: cannot encode encrypted PKCS#8");
}

std::string PrivateKey::to_encrypted_pkcs8_pem(std::string_view passphrase, int iterations) const {
    return detail::pem_encode("ENCRYPTED PRIVATE KEY", to_encrypted_pkcs8_der(passphrase, iterations));
}

Bytes PrivateKey::public_key_der() const {
    unsigned char* data = nullptr;
    const int length = i2d_PUBKEY(key_.get(), &data);
    const detail::OsslBuffer owner(data);
    if (length <= 0 || data == nullptr) {
        detail::throw_openssl("private key: cannot encode public key");
    }
    return Bytes(data, data + length);
}

std::string PrivateKey::spki_fingerprint_sha256() const {
    return sha256_hex(public_key_der());
}

KeyInfo PrivateKey::key_info() const {
    return detail::describe_key(key_.get());
}

bool PrivateKey::matches(const Certificate& cert) const {
    const EVP_PKEY* public_key = cert.public_key_native();
    const bool same = public_key != nullptr && EVP_PKEY_eq(key_.get(), public_key) == 1;
    ERR_clear_error();
    return same;
}

}  // namespace credsvc::certs
