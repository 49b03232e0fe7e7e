#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/fingerprint.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>

namespace credsvc::certs {
namespace {

using namespace test;

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

Certificate alice_leaf() {
    IssueRequest request = leaf_request("sip:alice@example.com");
    request.san_uris.push_back("sips:alice@example.com;gr=abc");
    request.san_dns = {"alice.example.com", "example.com"};
    return issue_leaf(request, p256_key());
}

// SHA-256 over i2d_PUBKEY of the certificate's key, computed without the library.
std::string independent_spki_fingerprint(X509* cert) {
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(cert), &der);
    EXPECT_GT(length, 0);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    EXPECT_EQ(EVP_Digest(der, static_cast<size_t>(length), digest, &digest_length, EVP_sha256(), nullptr), 1);
    OPENSSL_free(der);
    return hex_of(digest, digest_length);
}

TEST(Certificate, DerRoundTrip) {
    const Certificate cert = alice_leaf();
    const Bytes der = cert.to_der();
    const Certificate again = Certificate::from_der(der);
    EXPECT_EQ(again.to_der(), der);
    EXPECT_TRUE(again == cert);
    EXPECT_FALSE(again == root_ca().cert);
}

TEST(Certificate, PemRoundTrip) {
    const Certificate cert = alice_leaf();
    const std::string pem = cert.to_pem();
    EXPECT_TRUE(starts_with(pem, "-----BEGIN CERTIFICATE-----\n"));
    EXPECT_NE(pem.find("-----END CERTIFICATE-----\n"), std::string::npos);
    const Certificate again = Certificate::from_pem(pem);
    EXPECT_EQ(again.to_der(), cert.to_der());
}

TEST(Certificate, PemChainKeepsOrderAndSkipsOtherBlocks) {
    const Certificate leaf = alice_leaf();
    const std::string text = "leading commentary\n" + leaf.to_pem() + p256_key().to_pkcs8_pem() + "between\n" +
                             intermediate_ca().cert.to_pem() + root_ca().cert.to_pem() + "trailing\n";
    const std::vector<Certificate> chain = Certificate::chain_from_pem(text);
    ASSERT_EQ(chain.size(), 3U);
    EXPECT_TRUE(chain[0] == leaf);
    EXPECT_TRUE(chain[1] == intermediate_ca().cert);
    EXPECT_TRUE(chain[2] == root_ca().cert);
    // from_pem takes the first certificate.
    EXPECT_TRUE(Certificate::from_pem(text) == leaf);
    // chain_to_pem writes back what chain_from_pem reads.
    const std::vector<Certificate> again = Certificate::chain_from_pem(Certificate::chain_to_pem(chain));
    ASSERT_EQ(again.size(), 3U);
    EXPECT_TRUE(again[2] == root_ca().cert);
}

TEST(Certificate, EmptyDerRejected) {
    EXPECT_EQ(error_of([] { Certificate::from_der({}); }), "certificate: not valid DER (empty input)");
}

TEST(Certificate, GarbageDerRejected) {
    const Bytes garbage = {0x30, 0x03, 0x02, 0x01, 0x05, 0xff, 0xff};
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_der(garbage); }), "certificate: not valid DER"));
    const Bytes text = {'h', 'e', 'l', 'l', 'o'};
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_der(text); }), "certificate: not valid DER ("));
}

TEST(Certificate, TruncatedDerRejected) {
    Bytes der = alice_leaf().to_der();
    der.resize(der.size() - 10);
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_der(der); }), "certificate: not valid DER ("));
}

TEST(Certificate, TamperedLengthRejected) {
    Bytes der = alice_leaf().to_der();
    der[1] ^= 0x01;  // outer SEQUENCE length no longer matches
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_der(der); }), "certificate: not valid DER"));
}

TEST(Certificate, TrailingDataRejected) {
    Bytes der = alice_leaf().to_der();
    der.push_back(0x00);
    EXPECT_EQ(error_of([&] { Certificate::from_der(der); }),
              "certificate: not valid DER (trailing data after certificate)");
}

TEST(Certificate, PemWithoutCertificateRejected) {
    EXPECT_EQ(error_of([] { Certificate::from_pem("no pem here"); }), "certificate: no PEM certificate found");
    EXPECT_EQ(error_of([] { Certificate::from_pem(""); }), "certificate: no PEM certificate found");
    const std::string key_only = p256_key().to_pkcs8_pem();
    EXPECT_EQ(error_of([&] { Certificate::chain_from_pem(key_only); }), "certificate: no PEM certificate found");
}

TEST(Certificate, CorruptPemRejected) {
    std::string pem = alice_leaf().to_pem();
    const std::size_t body = pem.find('\n') + 1;
    pem[body + 5] = '*';  // not base64
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_pem(pem); }), "certificate: corrupt PEM"));

    std::string truncated = alice_leaf().to_pem();
    truncated.resize(truncated.size() - 10);  // END line damaged
    EXPECT_TRUE(starts_with(error_of([&] { Certificate::from_pem(truncated); }), "certificate: corrupt PEM"));
}

TEST(Certificate, PemBlockWithBadDerRejected) {
    const std::string pem = "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n";
    const std::string message = error_of([&] { Certificate::from_pem(pem); });
    EXPECT_TRUE(starts_with(message, "certificate: not valid DER")) << message;
    const std::string chain_message = error_of([&] { Certificate::chain_from_pem(alice_leaf().to_pem() + pem); });
    EXPECT_NE(chain_message.find("in PEM block 2"), std::string::npos) << chain_message;
}

TEST(Certificate, FailuresLeaveNoOpenSslErrorsBehind) {
    const Bytes garbage = {0x30, 0x82, 0x01};
    EXPECT_THROW(Certificate::from_der(garbage), Error);
    EXPECT_EQ(ERR_peek_error(), 0UL);
    EXPECT_THROW(Certificate::from_pem("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n"), Error);
    EXPECT_EQ(ERR_peek_error(), 0UL);
    // Reading a chain ends on "no start line" internally; that must not linger either.
    Certificate::chain_from_pem(alice_leaf().to_pem());
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(Certificate, NamesAreRfc2253Strings) {
    const Certificate leaf = alice_leaf();
    EXPECT_EQ(leaf.subject(), "CN=sip:alice@example.com");
    EXPECT_EQ(leaf.issuer(), "CN=Test Intermediate CA");
    EXPECT_EQ(intermediate_ca().cert.issuer(), "CN=Test Root CA");
    // UTF-8 stays readable; RFC 2253 special characters are escaped.
    IssueRequest request = leaf_request("sip:zoe@example.com");
    request.common_name = "Zo\xc3\xab, Ltd";
    EXPECT_EQ(issue_leaf(request, p256_key()).subject(), "CN=Zo\xc3\xab\\, Ltd");
}

TEST(Certificate, SubjectAltNames) {
    const Certificate leaf = alice_leaf();
    EXPECT_EQ(leaf.san_uris(), (std::vector<std::string>{"sip:alice@example.com", "sips:alice@example.com;gr=abc"}));
    EXPECT_EQ(leaf.san_dns(), (std::vector<std::string>{"alice.example.com", "example.com"}));
    EXPECT_TRUE(root_ca().cert.san_uris().empty());
    EXPECT_TRUE(root_ca().cert.san_dns().empty());
}

TEST(Certificate, ValidityTimes) {
    IssueRequest request = leaf_request("sip:alice@example.com");
    request.not_before = Clock::now() - 5min;
    request.not_after = Clock::now() + 24h * 400;
    const Certificate cert = issue_leaf(request, p256_key());
    EXPECT_EQ(cert.not_before(), whole_seconds(request.not_before));
    EXPECT_EQ(cert.not_after(), whole_seconds(request.not_after));
}

TEST(Certificate, BasicConstraints) {
    const BasicConstraints leaf = alice_leaf().basic_constraints();
    EXPECT_TRUE(leaf.present);
    EXPECT_FALSE(leaf.ca);
    EXPECT_FALSE(alice_leaf().is_ca());
    const BasicConstraints ca = root_ca().cert.basic_constraints();
    EXPECT_TRUE(ca.present);
    EXPECT_TRUE(ca.ca);
    EXPECT_TRUE(intermediate_ca().cert.is_ca());
}

// A bare v1 certificate (no extensions at all), built with OpenSSL directly.
Certificate bare_v1_certificate() {
    std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
    EXPECT_EQ(X509_set_version(x.get(), X509_VERSION_1), 1);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 7);
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("bare"), -1, -1, 0);
    X509_set_issuer_name(x.get(), name);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
    X509_set_pubkey(x.get(), p256_key().native());
    EXPECT_GT(X509_sign(x.get(), p256_key().native(), EVP_sha256()), 0);
    unsigned char* der = nullptr;
    const int length = i2d_X509(x.get(), &der);
    Certificate cert = Certificate::from_der(Bytes(der, der + length));
    OPENSSL_free(der);
    return cert;
}

TEST(Certificate, MissingBasicConstraintsIsReportedAsAbsent) {
    const Certificate bare = bare_v1_certificate();
    EXPECT_FALSE(bare.basic_constraints().present);
    EXPECT_FALSE(bare.is_ca());
    EXPECT_TRUE(bare.san_uris().empty());
    EXPECT_EQ(bare.serial_hex(), "07");
}

TEST(Certificate, DuplicateExtensionRejected) {
    std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
    X509_set_version(x.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 9);
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("dup"), -1, -1, 0);
    X509_set_issuer_name(x.get(), name);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
    X509_set_pubkey(x.get(), p256_key().native());
    for (int i = 0; i < 2; ++i) {  // two SubjectAltName extensions: RFC 5280 §4.2 forbids it
        GENERAL_NAMES* names = GENERAL_NAMES_new();
        GENERAL_NAME* gn = GENERAL_NAME_new();
        ASN1_IA5STRING* uri = ASN1_IA5STRING_new();
        ASN1_STRING_set(uri, i == 0 ? "sip:alice@example.com" : "sip:mallory@example.com", -1);
        GENERAL_NAME_set0_value(gn, GEN_URI, uri);
        sk_GENERAL_NAME_push(names, gn);
        ASSERT_EQ(X509_add1_ext_i2d(x.get(), NID_subject_alt_name, names, 0, X509V3_ADD_APPEND), 1);
        GENERAL_NAMES_free(names);
    }
    ASSERT_GT(X509_sign(x.get(), p256_key().native(), EVP_sha256()), 0);
    unsigned char* der = nullptr;
    const int length = i2d_X509(x.get(), &der);
    const Bytes bytes(der, der + length);
    OPENSSL_free(der);
    EXPECT_EQ(error_of([&] { Certificate::from_der(bytes); }),
              "certificate: invalid extensions (malformed or duplicated)");
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(Certificate, SerialIsLowerCaseHexOfTheCertificateSerial) {
    const Certificate a = alice_leaf();
    const Certificate b = alice_leaf();
    const std::string serial = a.serial_hex();
    EXPECT_EQ(serial.size(), 32U);  // 128-bit random serial
    EXPECT_TRUE(std::all_of(serial.begin(), serial.end(),
                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
    EXPECT_NE(serial, b.serial_hex());
    // Independent: OpenSSL's own rendering of the same INTEGER.
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(a.native()), nullptr);
    char* hex = BN_bn2hex(bn);
    std::string expected(hex);
    std::transform(expected.begin(), expected.end(), expected.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    OPENSSL_free(hex);
    BN_free(bn);
    EXPECT_EQ(serial, expected);
}

TEST(Certificate, FingerprintOfCertificateDer) {
    const Certificate cert = alice_leaf();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    ASSERT_EQ(X509_digest(cert.native(), EVP_sha256(), digest, &length), 1);
    EXPECT_EQ(cert.fingerprint_sha256(), hex_of(digest, length));
    EXPECT_EQ(cert.fingerprint_sha256().size(), 64U);
}

TEST(Certificate, SpkiFingerprintMatchesIndependentComputation) {
    for (const PrivateKey* key : {&p256_key(), &p384_key(), &ed25519_key(), &rsa2048_key()}) {
        const Certificate cert = issue_leaf(leaf_request("sip:alice@example.com"), *key);
        const std::string expected = independent_spki_fingerprint(cert.native());
        EXPECT_EQ(cert.spki_fingerprint_sha256(), expected);
        EXPECT_EQ(key->spki_fingerprint_sha256(), expected);
        EXPECT_EQ(cert.spki_der(), key->public_key_der());
    }
    // Two certificates for one key share the SPKI fingerprint, not the certificate fingerprint.
    const Certificate first = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    const Certificate second = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    EXPECT_EQ(first.spki_fingerprint_sha256(), second.spki_fingerprint_sha256());
    EXPECT_NE(first.fingerprint_sha256(), second.fingerprint_sha256());
}

TEST(Certificate, KeyInfoRsa) {
    const KeyInfo info = issue_leaf(leaf_request("sip:alice@example.com"), rsa2048_key()).key_info();
    EXPECT_EQ(info.type, KeyType::rsa);
    EXPECT_EQ(info.bits, 2048);
    EXPECT_TRUE(info.curve.empty());
}

TEST(Certificate, KeyInfoEc) {
    const KeyInfo p256 = issue_leaf(leaf_request("sip:alice@example.com"), p256_key()).key_info();
    EXPECT_EQ(p256.type, KeyType::ec);
    EXPECT_EQ(p256.bits, 256);
    EXPECT_EQ(p256.curve, "P-256");
    const KeyInfo p384 = issue_leaf(leaf_request("sip:alice@example.com"), p384_key()).key_info();
    EXPECT_EQ(p384.curve, "P-384");
    EXPECT_EQ(p384.bits, 384);
    const KeyInfo k1 =
        issue_leaf(leaf_request("sip:alice@example.com"), PrivateKey::generate_ec("secp256k1")).key_info();
    EXPECT_EQ(k1.type, KeyType::ec);
    EXPECT_EQ(k1.curve, "secp256k1");
}

TEST(Certificate, KeyInfoEd25519) {
    const KeyInfo info = issue_leaf(leaf_request("sip:alice@example.com"), ed25519_key()).key_info();
    EXPECT_EQ(info.type, KeyType::ed25519);
    EXPECT_EQ(info.bits, 256);
    EXPECT_EQ(to_string(info.type), "Ed25519");
}

TEST(Certificate, FromNativeSharesTheCertificate) {
    const Certificate leaf = alice_leaf();
    const Certificate shared = Certificate::from_native(leaf.native());
    EXPECT_EQ(shared.native(), leaf.native());
    EXPECT_EQ(shared.fingerprint_sha256(), leaf.fingerprint_sha256());
}

}  // namespace
}  // namespace credsvc::certs
