#include "certs/error.hpp"
#include "certs/publication_check.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace credsvc::certs {
namespace {

using namespace test;

const std::string alice = "sip:alice@example.com";

PublicationVerdict check(const Certificate& cert, const PrivateKey* key = nullptr, const std::string& aor = alice) {
    return check_publication(cert, aor, Clock::now(), key);
}

void expect_ok(const PublicationVerdict& verdict) {
    EXPECT_TRUE(verdict.ok()) << verdict.reason;
    EXPECT_EQ(verdict.failure, PublicationFailure::none);
    EXPECT_EQ(verdict.reason, "");
}

void expect_failure(const PublicationVerdict& verdict, PublicationFailure failure, const std::string& reason) {
    EXPECT_FALSE(verdict.ok());
    EXPECT_EQ(verdict.failure, failure);
    EXPECT_EQ(verdict.reason, reason);
}

// --- one test per accepted key type ---

TEST(Publication, AcceptsRsa2048) {
    const Certificate cert = issue_leaf(leaf_request(alice), rsa2048_key());
    expect_ok(check(cert, &rsa2048_key()));
}

TEST(Publication, AcceptsRsa3072) {
    const Certificate cert = issue_leaf(leaf_request(alice), rsa3072_key());
    expect_ok(check(cert, &rsa3072_key()));
}

TEST(Publication, AcceptsP256) {
    const Certificate cert = issue_leaf(leaf_request(alice), p256_key());
    expect_ok(check(cert, &p256_key()));
}

TEST(Publication, AcceptsP384) {
    const Certificate cert = issue_leaf(leaf_request(alice), p384_key());
    expect_ok(check(cert, &p384_key()));
}

TEST(Publication, AcceptsEd25519) {
    const Certificate cert = issue_leaf(leaf_request(alice), ed25519_key());
    expect_ok(check(cert, &ed25519_key()));
}

TEST(Publication, AcceptsWithoutKey) {
    expect_ok(check(issue_leaf(leaf_request(alice), p256_key()), nullptr));
}

// --- one test per §8.10 failure reason ---

TEST(Publication, NoMatchingSan) {
    const Certificate bob = issue_leaf(leaf_request("sip:bob@example.com"), p256_key());
    expect_failure(check(bob), PublicationFailure::no_matching_san, "No SubjectAltName URI matches the AOR");
    // The CN and DNS names do not count: only SubjectAltName URIs.
    IssueRequest request = leaf_request(alice);
    request.san_uris.clear();
    request.san_dns = {"example.com"};
    expect_failure(check(issue_leaf(request, p256_key())), PublicationFailure::no_matching_san,
                   "No SubjectAltName URI matches the AOR");
}

TEST(Publication, NotYetValid) {
    IssueRequest request = leaf_request(alice);
    request.not_before = Clock::now() + 1h;
    expect_failure(check(issue_leaf(request, p256_key()), &p256_key()), PublicationFailure::not_yet_valid,
                   "Certificate not yet valid");
}

TEST(Publication, Expired) {
    IssueRequest request = leaf_request(alice);
    request.not_before = Clock::now() - 48h;
    request.not_after = Clock::now() - 1h;
    expect_failure(check(issue_leaf(request, p256_key()), &p256_key()), PublicationFailure::expired,
                   "Certificate expired");
}

TEST(Publication, IsCa) {
    IssueRequest request = leaf_request(alice);
    request.is_ca = true;
    expect_failure(check(issue_leaf(request, p256_key()), &p256_key()), PublicationFailure::is_ca,
                   "Certificate is a CA certificate");
}

TEST(Publication, WeakKeyRsa1024) {
    const Certificate cert = issue_leaf(leaf_request(alice), rsa1024_key());
    expect_failure(check(cert, &rsa1024_key()), PublicationFailure::weak_key, "Weak key: RSA below 2048 bits");
}

TEST(Publication, WeakKeyEcSecp256k1) {
    const PrivateKey key = PrivateKey::generate_ec("secp256k1");
    expect_failure(check(issue_leaf(leaf_request(alice), key), &key), PublicationFailure::weak_key,
                   "Weak key: EC curve secp256k1 not allowed");
}

TEST(Publication, WeakKeyEcP521) {
    const PrivateKey key = PrivateKey::generate_ec("P-521");
    expect_failure(check(issue_leaf(leaf_request(alice), key), &key), PublicationFailure::weak_key,
                   "Weak key: EC curve P-521 not allowed");
}

TEST(Publication, WeakKeyUnsupportedType) {
    EVP_PKEY* ed448 = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448");
    ASSERT_NE(ed448, nullptr);
    const PrivateKey key = PrivateKey::from_native(ed448);
    EVP_PKEY_free(ed448);  // `key` holds its own reference
    expect_failure(check(issue_leaf(leaf_request(alice), key), &key), PublicationFailure::weak_key,
                   "Weak key: unsupported key type");
}

TEST(Publication, KeyMismatch) {
    const Certificate cert = issue_leaf(leaf_request(alice), p256_key());
    expect_failure(check(cert, &p256_other_key()), PublicationFailure::key_mismatch,
                   "Private key does not match certificate");
    expect_failure(check(cert, &ed25519_key()), PublicationFailure::key_mismatch,
                   "Private key does not match certificate");
}

// --- AOR matching (RFC 5630: sip: and sips: are the same AOR) ---

TEST(Publication, SipsSanMatchesSipAor) {
    const Certificate cert = issue_leaf(leaf_request("sips:alice@example.com"), p256_key());
    expect_ok(check(cert, nullptr, "sip:alice@example.com"));
    expect_ok(check(cert, nullptr, "sips:alice@example.com"));
    expect_ok(check(cert, nullptr, "alice@example.com"));
}

TEST(Publication, SipSanMatchesSipsAor) {
    const Certificate cert = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    expect_ok(check(cert, nullptr, "sips:alice@example.com"));
}

TEST(Publication, SanMatchingIgnoresHostCaseAndParameters) {
    IssueRequest request = leaf_request("sip:alice@EXAMPLE.com;transport=tls");
    const Certificate cert = issue_leaf(request, p256_key());
    expect_ok(check(cert, nullptr, "alice@example.COM"));
    // ... but not user case.
    expect_failure(check(cert, nullptr, "sip:Alice@example.com"), PublicationFailure::no_matching_san,
                   "No SubjectAltName URI matches the AOR");
}

TEST(Publication, AnyOfSeveralSanUrisMayMatch) {
    IssueRequest request = leaf_request("https://example.com/alice");
    request.san_uris.push_back("tel:+15551234");
    request.san_uris.push_back("sips:alice@example.com");
    expect_ok(check(issue_leaf(request, p256_key())));
}

// --- order, boundaries, misuse ---

TEST(Publication, ReportsTheFirstFailureInDocumentedOrder) {
    IssueRequest request = leaf_request(alice);
    request.is_ca = true;
    request.not_before = Clock::now() - 48h;
    request.not_after = Clock::now() - 1h;
    const Certificate expired_ca = issue_leaf(request, rsa1024_key());
    EXPECT_EQ(check(expired_ca, &p256_key()).failure, PublicationFailure::expired);
    EXPECT_EQ(check(expired_ca, &p256_key(), "sip:bob@example.com").failure, PublicationFailure::no_matching_san);
}

TEST(Publication, ValidityBoundaries) {
    const Clock::time_point start = whole_seconds(Clock::now());
    IssueRequest request = leaf_request(alice);
    request.not_before = start;
    request.not_after = start + 24h;
    const Certificate cert = issue_leaf(request, p256_key());
    EXPECT_TRUE(check_publication(cert, alice, start, nullptr).ok());  // notBefore is not in the future
    EXPECT_EQ(check_publication(cert, alice, start - 1s, nullptr).failure, PublicationFailure::not_yet_valid);
    EXPECT_TRUE(check_publication(cert, alice, start + 24h - 1s, nullptr).ok());
    // RFC 6072 §8.10: notAfter MUST be in the future.
    EXPECT_EQ(check_publication(cert, alice, start + 24h, nullptr).failure, PublicationFailure::expired);
}

TEST(Publication, InvalidAorThrows) {
    const Certificate cert = issue_leaf(leaf_request(alice), p256_key());
    EXPECT_THROW(check_publication(cert, "tel:+15551234", Clock::now(), nullptr), Error);
}

TEST(Publication, DefaultReasons) {
    EXPECT_EQ(default_reason(PublicationFailure::unreadable_key), "Private key cannot be read");
    EXPECT_EQ(default_reason(PublicationFailure::expired), "Certificate expired");
    EXPECT_EQ(default_reason(PublicationFailure::none), "");
}

}  // namespace
}  // namespace credsvc::certs
