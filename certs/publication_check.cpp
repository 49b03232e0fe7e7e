#include "certs/publication_check.hpp"

#include "certs/aor.hpp"
#include "certs/error.hpp"

#include <utility>

namespace credsvc::certs {

namespace {

PublicationVerdict fail(PublicationFailure failure, std::string reason) {
    return PublicationVerdict{failure, std::move(reason)};
}

bool san_matches(const Certificate& cert, const std::string& wanted) {
    for (const std::string& uri : cert.san_uris()) {
        try {
            if (canonical_aor(uri) == wanted) {
                return true;
            }
        } catch (const Error&) {
            // Other URIs in the SAN (https:, tel:, malformed) simply do not match.
        }
    }
    return false;
}

// Empty when acceptable, else the reason.
std::string key_weakness(const KeyInfo& info) {
    switch (info.type) {
    case KeyType::rsa:
        return info.bits >= 2048 ? std::string() : std::string("Weak key: RSA below 2048 bits");
    case KeyType::ec:
        if (info.curve == "P-256" || info.curve == "P-384") {
            return {};
        }
        return "Weak key: EC curve " + info.curve + " not allowed";
    case KeyType::ed25519: return {};
    case KeyType::other: break;
    }
    return "Weak key: unsupported key type";
}

}  // namespace

PublicationVerdict check_publication(const Certificate& cert, std::string_view aor,
                                     std::chrono::system_clock::time_point now, const PrivateKey* key) {
    // RFC 6072 §8.10: one of the SubjectAltName names matches the authorized user.
    if (!san_matches(cert, canonical_aor(aor))) {
        return fail(PublicationFailure::no_matching_san, std::string(default_reason(PublicationFailure::no_matching_san)));
    }
    // RFC 6072 §8.10: notBefore not in the future, notAfter in the future.
    if (cert.not_before() > now) {
        return fail(PublicationFailure::not_yet_valid, std::string(default_reason(PublicationFailure::not_yet_valid)));
    }
    if (cert.not_after() <= now) {
        return fail(PublicationFailure::expired, std::string(default_reason(PublicationFailure::expired)));
    }
    // RFC 6072 §8.10: a CA basic constraint, if present, is false.
    if (cert.is_ca()) {
        return fail(PublicationFailure::is_ca, std::string(default_reason(PublicationFailure::is_ca)));
    }
    // Modern crypto profile (design: "modern crypto") on top of §8.10.
    if (std::string weakness = key_weakness(cert.key_info()); !weakness.empty()) {
        return fail(PublicationFailure::weak_key, std::move(weakness));
    }
    // A credential (RFC 6072 §6) pairs the certificate with its own private key.
    if (key != nullptr && !key->matches(cert)) {
        return fail(PublicationFailure::key_mismatch, std::string(default_reason(PublicationFailure::key_mismatch)));
    }
    return PublicationVerdict{};
}

std::string_view default_reason(PublicationFailure failure) noexcept {
    switch (failure) {
    case PublicationFailure::none: return "";
    case PublicationFailure::no_matching_san: return "No SubjectAltName URI matches the AOR";
    case PublicationFailure::not_yet_valid: return "Certificate not yet valid";
    case PublicationFailure::expired: return "Certificate expired";
    case PublicationFailure::is_ca: return "Certificate is a CA certificate";
    case PublicationFailure::weak_key: return "Weak key";
    case PublicationFailure::key_mismatch: return "Private key does not match certificate";
    case PublicationFailure::unreadable_key: return "Private key cannot be read";
    }
    return "";
}

}  // namespace credsvc::certs
