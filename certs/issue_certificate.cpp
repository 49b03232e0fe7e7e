#include "certs/issue_certificate.hpp"

#include "certs/detail/asn1_time.hpp"
#include "certs/detail/openssl_error.hpp"
#include "certs/detail/openssl_ptr.hpp"
#include "certs/error.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <climits>

namespace credsvc::certs {

namespace {

// RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random octets with the top
// bit cleared (positive without a padding octet) and the next bit set (always
// exactly 16 octets).
void set_random_serial(X509* cert) {
    std::array<unsigned char, 16> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
        detail::throw_openssl("issue: no randomness for the serial number");
    }
    random[0] = static_cast<unsigned char>((random[0] & 0x7f) | 0x40);
    const detail::BignumPtr number(BN_bin2bn(random.data(), static_cast<int>(random.size()), nullptr));
    const detail::Asn1IntegerPtr serial(number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr);
    if (!serial || X509_set_serialNumber(cert, serial.get()) != 1) {
        detail::throw_openssl("issue: cannot set the serial number");
    }
}

void add_extension(X509* cert, int nid, void* value, bool critical, const char* what) {
    if (X509_add1_ext_i2d(cert, nid, value, critical ? 1 : 0, X509V3_ADD_DEFAULT) != 1) {
        detail::throw_openssl(std::string("issue: cannot add ") + what);
    }
}

detail::Asn1OctetStringPtr key_identifier(const X509* cert) {
    // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING.
    // An identifier, not a security function, so SHA-1 is what peers expect.
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    detail::Asn1OctetStringPtr id(ASN1_OCTET_STRING_new());
    if (!id || X509_pubkey_digest(cert, EVP_sha1(), digest.data(), &length) != 1 ||
        ASN1_OCTET_STRING_set(id.get(), digest.data(), static_cast<int>(length)) != 1) {
        detail::throw_openssl("issue: cannot compute a key identifier");
    }
    return id;
}

void push_name(GENERAL_NAMES* names, int type, const std::string& value) {
    if (value.empty() || value.size() > static_cast<std::size_t>(INT_MAX)) {
        detail::throw_error("issue: empty SubjectAltName entry");
    }
    for (const char c : value) {
        // IA5String (RFC 5280 §4.2.1.6): ASCII only, and no controls or spaces in URIs and DNS names.
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
            detail::throw_error("issue: SubjectAltName entries must be printable ASCII");
        }
    }
    detail::Asn1Ia5StringPtr text(ASN1_IA5STRING_new());
    detail::GeneralNamePtr name(GENERAL_NAME_new());
    if (!text || !name || ASN1_STRING_set(text.get(), value.data(), static_cast<int>(value.size())) != 1) {
        detail::throw_openssl("issue: cannot build SubjectAltName");
    }
    GENERAL_NAME_set0_value(name.get(), type, text.release());
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0) {
        detail::throw_openssl("issue: cannot build SubjectAltName");
    }
    static_cast<void>(name.release());  // owned by names
}

void add_subject_alt_name(X509* cert, const IssueRequest& request) {
    if (request.san_uris.empty() && request.san_dns.empty()) {
        return;
    }
    const detail::GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names) {
        detail::throw_openssl("issue: cannot build SubjectAltName");
    }
    for (const std::string& uri : request.san_uris) {
        push_name(names.get(), GEN_URI, uri);
    }
    for (const std::string& dns : request.san_dns) {
        push_name(names.get(), GEN_DNS, dns);
    }
    add_extension(cert, NID_subject_alt_name, names.get(), false, "SubjectAltName");
}

void add_extended_key_usage(X509* cert, const std::vector<std::string>& purposes) {
    if (purposes.empty()) {
        detail::throw_error("issue: empty extended key usage list");  // RFC 5280: SIZE (1..MAX)
    }
    const detail::ExtKeyUsagePtr usage(EXTENDED_KEY_USAGE_new());
    if (!usage) {
        detail::throw_openssl("issue: cannot build extended key usage");
    }
    for (const std::string& purpose : purposes) {
        detail::Asn1ObjectPtr oid(OBJ_txt2obj(purpose.c_str(), 0));
        if (!oid) {
            detail::throw_error("issue: unknown extended key usage " + purpose);
        }
        if (sk_ASN1_OBJECT_push(usage.get(), oid.get()) <= 0) {
            detail::throw_openssl("issue: cannot build extended key usage");
        }
        static_cast<void>(oid.release());  // owned by usage
    }
    add_extension(cert, NID_ext_key_usage, usage.get(), false, "extended key usage");
}

void add_key_usage(X509* cert, bool is_ca, const PrivateKey& subject_key) {
    // RFC 5280 §4.2.1.3 bit numbers.
    constexpr int digital_signature = 0;
    constexpr int key_encipherment = 2;
    constexpr int key_cert_sign = 5;
    constexpr int crl_sign = 6;
    const detail::Asn1BitStringPtr usage(ASN1_BIT_STRING_new());
    if (!usage) {
        detail::throw_openssl("issue: cannot build key usage");
    }
    std::vector<int> bits;
    if (is_ca) {
        bits = {key_cert_sign, crl_sign};
    } else {
        bits = {digital_signature};
        if (EVP_PKEY_is_a(subject_key.native(), "RSA")) {
            bits.push_back(key_encipherment);  // RSA key transport in TLS 1.2 and S/MIME
        }
    }
    for (const int bit : bits) {
        if (ASN1_BIT_STRING_set_bit(usage.get(), bit, 1) != 1) {
            detail::throw_openssl("issue: cannot build key usage");
        }
    }
    add_extension(cert, NID_key_usage, usage.get(), true, "key usage");
}

const EVP_MD* signature_digest(const PrivateKey& key) {
    // EdDSA signs the message itself (RFC 8410 §6): no separate digest.
    if (EVP_PKEY_is_a(key.native(), "ED25519") || EVP_PKEY_is_a(key.native(), "ED448")) {
        return nullptr;
    }
    return EVP_sha256();
}

}  // namespace

Certificate issue_certificate(const IssueRequest& request, const PrivateKey& subject_key,
                              const Certificate* issuer_cert, const PrivateKey& issuer_key) {
    if (request.common_name.empty()) {
        detail::throw_error("issue: common name is required");
    }
    if (request.not_after < request.not_before) {
        detail::throw_error("issue: notAfter is before notBefore");
    }
    if (issuer_cert != nullptr) {
        if (!issuer_key.matches(*issuer_cert)) {
            detail::throw_error("issue: issuer key does not match the issuer certificate");
        }
    } else if (EVP_PKEY_eq(subject_key.native(), issuer_key.native()) != 1) {
        detail::throw_error("issue: a self-signed certificate must be signed with its own key");
    }

    const detail::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
        detail::throw_openssl("issue: out of memory");
    }
    set_random_serial(cert.get());

    const detail::X509NamePtr subject(X509_NAME_new());
    if (!subject ||
        X509_NAME_add_entry_by_txt(subject.get(), "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(request.common_name.data()),
                                   static_cast<int>(request.common_name.size()), -1, 0) != 1 ||
        X509_set_subject_name(cert.get(), subject.get()) != 1) {
        detail::throw_openssl("issue: bad common name");
    }
    const X509_NAME* issuer_name = issuer_cert != nullptr ? X509_get_subject_name(issuer_cert->native()) : subject.get();
    if (X509_set_issuer_name(cert.get(), issuer_name) != 1) {
        detail::throw_openssl("issue: cannot set the issuer name");
    }
    detail::set_asn1_time(X509_getm_notBefore(cert.get()), request.not_before, "notBefore");
    detail::set_asn1_time(X509_getm_notAfter(cert.get()), request.not_after, "notAfter");
    if (X509_set_pubkey(cert.get(), subject_key.native()) != 1) {
        detail::throw_openssl("issue: cannot set the public key");
    }

    // RFC 5280 §4.2.1.9: critical in CA certificates; critical in leaves too so
    // no relying party mistakes a user certificate for a CA.
    const detail::BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
    if (!constraints) {
        detail::throw_openssl("issue: out of memory");
    }
    constraints->ca = request.is_ca ? 0xFF : 0;
    add_extension(cert.get(), NID_basic_constraints, constraints.get(), true, "basic constraints");
    add_key_usage(cert.get(), request.is_ca, subject_key);

    const detail::Asn1OctetStringPtr subject_key_id = key_identifier(cert.get());
    add_extension(cert.get(), NID_subject_key_identifier, subject_key_id.get(), false, "subject key identifier");
    const detail::AuthorityKeyIdPtr authority(AUTHORITY_KEYID_new());
    if (!authority) {
        detail::throw_openssl("issue: out of memory");
    }
    if (issuer_cert == nullptr) {
        authority->keyid = ASN1_OCTET_STRING_dup(subject_key_id.get());
    } else if (const ASN1_OCTET_STRING* issuer_id = X509_get0_subject_key_id(issuer_cert->native())) {
        authority->keyid = ASN1_OCTET_STRING_dup(issuer_id);
    } else {
        authority->keyid = key_identifier(issuer_cert->native()).release();
    }
    if (authority->keyid == nullptr) {
        detail::throw_openssl("issue: cannot set the authority key identifier");
    }
    add_extension(cert.get(), NID_authority_key_identifier, authority.get(), false, "authority key identifier");

    add_subject_alt_name(cert.get(), request);
    if (request.extended_key_usage) {
        add_extended_key_usage(cert.get(), *request.extended_key_usage);
    }

    if (X509_sign(cert.get(), issuer_key.native(), signature_digest(issuer_key)) <= 0) {
        detail::throw_openssl("issue: signing failed");
    }
    // Re-read the encoding so the result is exactly what any peer will parse.
    unsigned char* der = nullptr;
    const int length = i2d_X509(cert.get(), &der);
    const detail::OsslBuffer owner(der);
    if (length <= 0 || der == nullptr) {
        detail::throw_openssl("issue: cannot encode the certificate");
    }
    return Certificate::from_der(ByteView(der, static_cast<std::size_t>(length)));
}

}  // namespace credsvc::certs
