#include "certs/certificate.hpp"

#include "certs/detail/asn1_time.hpp"
#include "certs/detail/describe_key.hpp"
#include "certs/detail/openssl_error.hpp"
#include "certs/detail/openssl_ptr.hpp"
#include "certs/detail/pem.hpp"
#include "certs/detail/x509_name.hpp"
#include "certs/error.hpp"
#include "certs/fingerprint.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <climits>

namespace credsvc::certs {

namespace {

bool is_certificate_label(std::string_view label) {
    // RFC 7468 §5 plus the pre-standard "X509 CERTIFICATE" some tools still write.
    return label == "CERTIFICATE" || label == "X509 CERTIFICATE";
}

Bytes take_i2d(unsigned char* data, int length, std::string_view what) {
    const detail::OsslBuffer owner(data);
    if (length <= 0 || data == nullptr) {
        detail::throw_openssl(what);
    }
    return Bytes(data, data + length);
}

std::string asn1_string(const ASN1_STRING* value) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                       static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::vector<std::string> san_entries(const X509* cert, int type) {
    int critical = 0;
    const detail::GeneralNamesPtr names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, &critical, nullptr)));
    std::vector<std::string> out;
    if (!names) {
        // -1: absent. Anything else was already rejected as an invalid extension at parse time.
        ERR_clear_error();
        return out;
    }
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == type && type == GEN_URI) {
            out.push_back(asn1_string(name->d.uniformResourceIdentifier));
        } else if (name->type == type && type == GEN_DNS) {
            out.push_back(asn1_string(name->d.dNSName));
        }
    }
    return out;
}

}  // namespace

namespace detail {

std::string name_to_string(const X509_NAME* name) {
    const detail::BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 form, but UTF-8 stays readable instead of \XX escapes.
    const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        detail::throw_openssl("certificate: cannot print name");
    }
    char* text = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &text);
    return std::string(text, static_cast<std::size_t>(size));
}

}  // namespace detail

Certificate Certificate::adopt(X509* cert) {
    std::shared_ptr<X509> owner(cert, X509_free);
    // Malformed or duplicate extensions (RFC 5280 §4.2: each at most once) make
    // every later fact unreliable, so such certificates are refused up front.
    if ((X509_get_extension_flags(cert) & EXFLAG_INVALID) != 0) {
        detail::throw_error("certificate: invalid extensions (malformed or duplicated)");
    }
    ERR_clear_error();
    return Certificate(std::move(owner));
}

Certificate Certificate::from_der(ByteView der) {
    if (der.empty()) {
        detail::throw_error("certificate: not valid DER (empty input)");
    }
    if (der.size() > static_cast<std::size_t>(LONG_MAX)) {
        detail::throw_error("certificate: not valid DER (too large)");
    }
    ERR_clear_error();  // a stale error from elsewhere must not become our reason
    const unsigned char* cursor = der.data();
    detail::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!cert) {
        detail::throw_openssl("certificate: not valid DER");
    }
    if (cursor != der.data() + der.size()) {
        detail::throw_error("certificate: not valid DER (trailing data after certificate)");
    }
    return adopt(cert.release());
}

std::vector<Certificate> Certificate::chain_from_pem(std::string_view pem) {
    detail::PemReader reader(pem, "certificate");
    std::vector<Certificate> chain;
    while (auto block = reader.next()) {
        if (!is_certificate_label(block->label)) {
            continue;
        }
        try {
            chain.push_back(from_der(block->der));
        } catch (const Error& e) {
            throw Error(std::string(e.what()) + " in PEM block " + std::to_string(chain.size() + 1));
        }
    }
    if (chain.empty()) {
        detail::throw_error("certificate: no PEM certificate found");
    }
    return chain;
}

Certificate Certificate::from_pem(std::string_view pem) {
    detail::PemReader reader(pem, "certificate");
    while (auto block = reader.next()) {
        if (is_certificate_label(block->label)) {
            return from_der(block->der);
        }
    }
    detail::throw_error("certificate: no PEM certificate found");
}

Certificate Certificate::from_native(X509* cert) {
    if (cert == nullptr || X509_up_ref(cert) != 1) {
        detail::throw_error("certificate: null certificate");
    }
    return adopt(cert);
}

Bytes Certificate::to_der() const {
    unsigned char* data = nullptr;
    const int length = i2d_X509(cert_.get(), &data);
    return take_i2d(data, length, "certificate: cannot encode DER");
}

std::string Certificate::to_pem() const {
    return detail::pem_encode("CERTIFICATE", to_der());
}

std::string Certificate::chain_to_pem(const std::vector<Certificate>& chain) {
    std::string out;
    for (const Certificate& cert : chain) {
        out += cert.to_pem();
    }
    return out;
}

std::string Certificate::subject() const {
    return detail::name_to_string(X509_get_subject_name(cert_.get()));
}

std::string Certificate::issuer() const {
    return detail::name_to_string(X509_get_issuer_name(cert_.get()));
}

std::string Certificate::serial_hex() const {
    const detail::BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert_.get()), nullptr));
    if (!serial) {
        detail::throw_openssl("certificate: cannot read serial number");
    }
    const detail::OsslString hex(BN_bn2hex(serial.get()));
    if (!hex) {
        detail::throw_openssl("certificate: cannot format serial number");
    }
    std::string out(hex.get());
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string Certificate::fingerprint_sha256() const {
    return sha256_hex(to_der());
}

Bytes Certificate::spki_der() const {
    // The stored SubjectPublicKeyInfo, so the fingerprint matches the certificate's bytes.
    unsigned char* data = nullptr;
    const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert_.get()), &data);
    return take_i2d(data, length, "certificate: cannot encode SubjectPublicKeyInfo");
}

std::string Certificate::spki_fingerprint_sha256() const {
    return sha256_hex(spki_der());
}

std::vector<std::string> Certificate::san_uris() const {
    return san_entries(cert_.get(), GEN_URI);
}

std::vector<std::string> Certificate::san_dns() const {
    return san_entries(cert_.get(), GEN_DNS);
}

Certificate::time_point Certificate::not_before() const {
    return detail::to_time_point(X509_get0_notBefore(cert_.get()), "notBefore");
}

Certificate::time_point Certificate::not_after() const {
    return detail::to_time_point(X509_get0_notAfter(cert_.get()), "notAfter");
}

BasicConstraints Certificate::basic_constraints() const {
    int critical = 0;
    const detail::BasicConstraintsPtr bc(
        static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(cert_.get(), NID_basic_constraints, &critical, nullptr)));
    ERR_clear_error();
    BasicConstraints out;
    if (bc) {
        out.present = true;
        out.ca = bc->ca != 0;
    }
    return out;
}

KeyInfo Certificate::key_info() const {
    return detail::describe_key(public_key_native());
}

bool Certificate::operator==(const Certificate& other) const {
    return X509_cmp(cert_.get(), other.cert_.get()) == 0;
}

EVP_PKEY* Certificate::public_key_native() const noexcept {
    EVP_PKEY* key = X509_get0_pubkey(cert_.get());
    if (key == nullptr) {
        ERR_clear_error();  // unknown or malformed key algorithm
    }
    return key;
}

}  // namespace credsvc::certs
