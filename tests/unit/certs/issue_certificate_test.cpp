#include "certs/error.hpp"
#include "certs/issue_certificate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

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

bool extension_is_critical(const Certificate& cert, int nid) {
    const int index = X509_get_ext_by_NID(cert.native(), nid, -1);
    EXPECT_GE(index, 0) << OBJ_nid2sn(nid);
    return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert.native(), index)) == 1;
}

std::string octets(const ASN1_OCTET_STRING* s) {
    return s == nullptr ? std::string() : hex_of(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s)));
}

TEST(Issue, CaCertificateProfile) {
    const Certificate& ca = root_ca().cert;
    EXPECT_TRUE(extension_is_critical(ca, NID_basic_constraints));
    EXPECT_TRUE(ca.is_ca());
    EXPECT_TRUE(extension_is_critical(ca, NID_key_usage));
    EXPECT_EQ(X509_get_key_usage(ca.native()), static_cast<uint32_t>(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    EXPECT_EQ(X509_get_version(ca.native()), X509_VERSION_3);
    // Self-signed: the subject is the issuer and the signature verifies with its own key.
    EXPECT_EQ(ca.subject(), ca.issuer());
    EXPECT_EQ(X509_verify(ca.native(), root_ca().key.native()), 1);
    EXPECT_EQ(octets(X509_get0_authority_key_id(ca.native())), octets(X509_get0_subject_key_id(ca.native())));
}

TEST(Issue, LeafProfileRsaHasKeyEncipherment) {
    const Certificate leaf = issue_leaf(leaf_request("sip:alice@example.com"), rsa2048_key());
    EXPECT_FALSE(leaf.is_ca());
    EXPECT_TRUE(leaf.basic_constraints().present);
    EXPECT_EQ(X509_get_key_usage(leaf.native()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
}

TEST(Issue, LeafProfileEcIsSignatureOnly) {
    const Certificate leaf = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    EXPECT_EQ(X509_get_key_usage(leaf.native()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
    EXPECT_TRUE(extension_is_critical(leaf, NID_key_usage));
}

TEST(Issue, KeyIdentifiersChainUp) {
    const Certificate leaf = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    const std::string leaf_skid = octets(X509_get0_subject_key_id(leaf.native()));
    EXPECT_EQ(leaf_skid.size(), 40U);  // SHA-1 of the public key
    EXPECT_EQ(octets(X509_get0_authority_key_id(leaf.native())),
              octets(X509_get0_subject_key_id(intermediate_ca().cert.native())));
    EXPECT_EQ(octets(X509_get0_authority_key_id(intermediate_ca().cert.native())),
              octets(X509_get0_subject_key_id(root_ca().cert.native())));
    EXPECT_NE(leaf_skid, octets(X509_get0_subject_key_id(intermediate_ca().cert.native())));
}

TEST(Issue, SignatureAlgorithmFollowsIssuerKey) {
    const IssueRequest request = leaf_request("sip:alice@example.com");
    const Certificate by_ec = issue_leaf(request, p256_key());
    EXPECT_EQ(X509_get_signature_nid(by_ec.native()), NID_ecdsa_with_SHA256);
    EXPECT_EQ(X509_verify(by_ec.native(), intermediate_ca().key.native()), 1);

    IssueRequest ca_request = leaf_request("RSA CA");
    ca_request.san_uris.clear();
    ca_request.is_ca = true;
    const Certificate rsa_ca = issue_certificate(ca_request, rsa2048_key(), nullptr, rsa2048_key());
    EXPECT_EQ(X509_get_signature_nid(rsa_ca.native()), NID_sha256WithRSAEncryption);
    const Certificate by_rsa = issue_certificate(request, p256_key(), &rsa_ca, rsa2048_key());
    EXPECT_EQ(X509_get_signature_nid(by_rsa.native()), NID_sha256WithRSAEncryption);
    EXPECT_EQ(X509_verify(by_rsa.native(), rsa2048_key().native()), 1);

    ca_request.common_name = "Ed25519 CA";
    const Certificate ed_ca = issue_certificate(ca_request, ed25519_key(), nullptr, ed25519_key());
    EXPECT_EQ(X509_get_signature_nid(ed_ca.native()), NID_ED25519);
    const Certificate by_ed = issue_certificate(request, p384_key(), &ed_ca, ed25519_key());
    EXPECT_EQ(X509_get_signature_nid(by_ed.native()), NID_ED25519);
    EXPECT_EQ(X509_verify(by_ed.native(), ed25519_key().native()), 1);
    EXPECT_EQ(by_ed.issuer(), "CN=Ed25519 CA");
}

TEST(Issue, SerialsArePositiveRandom128Bit) {
    const IssueRequest request = leaf_request("sip:alice@example.com");
    const Certificate a = issue_leaf(request, p256_key());
    const Certificate b = issue_leaf(request, p256_key());
    const ASN1_INTEGER* serial = X509_get0_serialNumber(a.native());
    EXPECT_EQ(ASN1_STRING_type(serial), V_ASN1_INTEGER);  // not V_ASN1_NEG_INTEGER
    EXPECT_EQ(ASN1_STRING_length(serial), 16);
    EXPECT_NE(a.serial_hex(), b.serial_hex());
}

TEST(Issue, ExtendedKeyUsage) {
    IssueRequest request = leaf_request("sip:alice@example.com");
    request.san_dns = {"example.com"};
    request.extended_key_usage = std::vector<std::string>{"serverAuth", "clientAuth"};
    const Certificate cert = issue_leaf(request, p256_key());
    EXPECT_EQ(X509_get_extended_key_usage(cert.native()), static_cast<uint32_t>(XKU_SSL_SERVER | XKU_SSL_CLIENT));

    const Certificate without = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    EXPECT_EQ(X509_get_ext_by_NID(without.native(), NID_ext_key_usage, -1), -1);

    request.extended_key_usage = std::vector<std::string>{"serverAuth", "noSuchPurpose"};
    EXPECT_EQ(error_of([&] { issue_leaf(request, p256_key()); }), "issue: unknown extended key usage noSuchPurpose");
    request.extended_key_usage = std::vector<std::string>{};
    EXPECT_EQ(error_of([&] { issue_leaf(request, p256_key()); }), "issue: empty extended key usage list");
}

TEST(Issue, FutureAndPastValidityCanBeMade) {
    IssueRequest future = leaf_request("sip:alice@example.com");
    future.not_before = Clock::now() + 24h;
    future.not_after = Clock::now() + 48h;
    EXPECT_GT(issue_leaf(future, p256_key()).not_before(), Clock::now());

    IssueRequest past = leaf_request("sip:alice@example.com");
    past.not_before = Clock::now() - 48h;
    past.not_after = Clock::now() - 24h;
    EXPECT_LT(issue_leaf(past, p256_key()).not_after(), Clock::now());
}

TEST(Issue, DatesFrom2050UseGeneralizedTime) {
    IssueRequest request = leaf_request("sip:alice@example.com");
    using namespace std::chrono;
    request.not_after = sys_days{year{2060} / January / 2} + 12h + 30min;
    const Certificate cert = issue_leaf(request, p256_key());
    EXPECT_EQ(ASN1_STRING_type(X509_get0_notAfter(cert.native())), V_ASN1_GENERALIZEDTIME);
    EXPECT_EQ(ASN1_STRING_type(X509_get0_notBefore(cert.native())), V_ASN1_UTCTIME);
    EXPECT_EQ(cert.not_after(), request.not_after);
}

TEST(Issue, RequestIsValidated) {
    IssueRequest request = leaf_request("sip:alice@example.com");
    request.common_name.clear();
    EXPECT_EQ(error_of([&] { issue_leaf(request, p256_key()); }), "issue: common name is required");

    request = leaf_request("sip:alice@example.com");
    request.not_after = request.not_before - 1s;
    EXPECT_EQ(error_of([&] { issue_leaf(request, p256_key()); }), "issue: notAfter is before notBefore");

    request = leaf_request("sip:alice@example.com");
    request.san_uris = {"sip:al ice@example.com"};
    EXPECT_EQ(error_of([&] { issue_leaf(request, p256_key()); }),
              "issue: SubjectAltName entries must be printable ASCII");
}

TEST(Issue, KeysMustFitTheIssuer) {
    const IssueRequest request = leaf_request("sip:alice@example.com");
    EXPECT_EQ(error_of([&] { issue_certificate(request, p256_key(), &root_ca().cert, p256_other_key()); }),
              "issue: issuer key does not match the issuer certificate");
    EXPECT_EQ(error_of([&] { issue_certificate(request, p256_key(), nullptr, p256_other_key()); }),
              "issue: a self-signed certificate must be signed with its own key");
}

}  // namespace
}  // namespace credsvc::certs
