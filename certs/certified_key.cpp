#include "certs/certified_key.hpp"

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

#include <vector>

namespace credsvc::certs {

CertifiedKeyPem check_certified_key(std::string_view chain_pem, std::string_view key_pem, CertifiedKeyUse use) {
    std::vector<Certificate> chain;
    try {
        chain = Certificate::chain_from_pem(chain_pem);
    } catch (const Error& e) {
        throw CertifiedKeyError(CertifiedKeyFault::certificate, e.what());
    }
    const PrivateKey key = [&] {
        try {
            return PrivateKey::from_pkcs8_pem(key_pem);
        } catch (const Error& e) {
            throw CertifiedKeyError(CertifiedKeyFault::key, e.what());
        }
    }();
    if (!key.matches(chain.front())) {
        throw CertifiedKeyError(CertifiedKeyFault::mismatch, "private key does not match the certificate");
    }
    if (use == CertifiedKeyUse::identity) {
        const auto info = key.key_info();
        if (info.type != KeyType::rsa || info.bits < 2048) {
            throw CertifiedKeyError(CertifiedKeyFault::identity_key,
                                    "identity key must be RSA of at least 2048 bits (rsa-sha256)");
        }
    }
    // Stored as normalised PEM, not whatever surrounded it in the input.
    return CertifiedKeyPem{Certificate::chain_to_pem(chain), key.to_pkcs8_pem()};
}

}  // namespace credsvc::certs
