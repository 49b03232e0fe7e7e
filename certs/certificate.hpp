#pragma once
// An X.509 certificate: parsing (DER, PEM, PEM chains), serialisation, and the
// facts the credential service needs (names, SANs, validity, CA flag, key, fingerprints).

#include "certs/bytes.hpp"
#include "certs/key_info.hpp"

#include <openssl/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace credsvc::certs {

struct BasicConstraints {
    bool present = false;  // the extension is in the certificate
    bool ca = false;       // cA is TRUE
};

// Immutable; copies share the underlying X509 (cheap, thread-safe for reading).
class Certificate {
public:
    using time_point = std::chrono::system_clock::time_point;

    // Exactly one DER certificate; trailing bytes are rejected.
    // Errors: "certificate: not valid DER (...)", "certificate: invalid extensions (...)".
    static Certificate from_der(ByteView der);
    // The first CERTIFICATE block; other blocks (keys, ...) are skipped.
    // Errors: "certificate: no PEM certificate found", "certificate: corrupt PEM (...)".
    static Certificate from_pem(std::string_view pem);
    // Every CERTIFICATE block in order (leaf first, as TLS and RFC 6072 chains list them).
    static std::vector<Certificate> chain_from_pem(std::string_view pem);
    // Shares a certificate owned elsewhere (e.g. a TLS peer's); takes a reference.
    static Certificate from_native(X509* cert);

    Bytes to_der() const;
    std::string to_pem() const;
    // Concatenated PEM blocks.
    static std::string chain_to_pem(const std::vector<Certificate>& chain);

    // Distinguished names as one-line RFC 2253 strings ("CN=alice,O=Example"); UTF-8 kept as is.
    std::string subject() const;
    std::string issuer() const;
    // Serial number as lower-case hex.
    std::string serial_hex() const;

    // SHA-256 of the certificate DER, lower-case hex without colons.
    std::string fingerprint_sha256() const;
    // The SubjectPublicKeyInfo DER exactly as in the certificate.
    Bytes spki_der() const;
    // SHA-256 of spki_der(), lower-case hex: the key identity of revoked_keys.
    std::string spki_fingerprint_sha256() const;

    // SubjectAltName entries (empty when there is no SAN extension).
    std::vector<std::string> san_uris() const;
    std::vector<std::string> san_dns() const;

    time_point not_before() const;
    time_point not_after() const;

    BasicConstraints basic_constraints() const;
    bool is_ca() const { return basic_constraints().ca; }

    // The subject public key: type, size, curve.
    KeyInfo key_info() const;

    // Same DER encoding.
    bool operator==(const Certificate& other) const;

    // Non-owning access for OpenSSL calls (SSL_CTX_use_certificate, X509_STORE, ...).
    X509* native() const noexcept { return cert_.get(); }
    // The subject public key; non-owning, valid while this certificate lives.
    EVP_PKEY* public_key_native() const noexcept;

private:
    explicit Certificate(std::shared_ptr<X509> cert) : cert_(std::move(cert)) {}
    static Certificate adopt(X509* cert);  // takes ownership; validates extensions

    std::shared_ptr<X509> cert_;
};

}  // namespace credsvc::certs
