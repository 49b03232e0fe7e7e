#pragma once
// RFC 6072 §8.10: the checks the credential service makes on a certificate
// before accepting a PUBLISH of it, with a reason usable as a SIP reason
// phrase or Warning text.

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace credsvc::certs {

enum class PublicationFailure {
    none,
    no_matching_san,
    not_yet_valid,
    expired,
    is_ca,
    weak_key,
    key_mismatch,
    unreadable_key,  // never produced by check_publication: for callers that cannot read a published key
};

struct PublicationVerdict {
    PublicationFailure failure = PublicationFailure::none;
    std::string reason;  // empty when ok()
    bool ok() const { return failure == PublicationFailure::none; }
};

// The first failing check, in this order: SubjectAltName URI matches `aor`
// (sip:/sips: equal, see aor.hpp), notBefore <= now, notAfter > now, not a CA,
// key strength (RSA >= 2048, EC P-256/P-384, Ed25519), and, when `key` is
// given, that it is the certificate's key. Throws Error if `aor` is not an AOR.
PublicationVerdict check_publication(const Certificate& cert, std::string_view aor,
                                     std::chrono::system_clock::time_point now, const PrivateKey* key);

// The fixed reason text of a failure ("Certificate expired"); for weak_key the
// generic "Weak key" (check_publication says which), for unreadable_key
// "Private key cannot be read", for none "".
std::string_view default_reason(PublicationFailure failure) noexcept;

}  // namespace credsvc::certs
