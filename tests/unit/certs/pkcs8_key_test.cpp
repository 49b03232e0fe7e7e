#include "certs/error.hpp"
#include "certs/pkcs8_key.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cstring>
#include <memory>
#include <ostream>

namespace credsvc::certs {
namespace {

using namespace test;

constexpr int test_iterations = 1000;  // the default (100000) is needlessly slow under ASan

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

Bytes i2d_sig(X509_SIG* sig) {
    unsigned char* der = nullptr;
    const int length = i2d_X509_SIG(sig, &der);
    EXPECT_GT(length, 0);
    Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

// Encrypted PKCS#8 made with OpenSSL directly, with a chosen PBES2 profile.
// `scrypt` selects the RFC 7914 KDF instead of PBKDF2 (then prf_nid is unused).
Bytes openssl_encrypt(const PrivateKey& key, const EVP_CIPHER* cipher, int prf_nid, const char* pass,
                      bool scrypt = false) {
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, decltype(&PKCS8_PRIV_KEY_INFO_free)> p8(EVP_PKEY2PKCS8(key.native()),
                                                                               PKCS8_PRIV_KEY_INFO_free);
    X509_ALGOR* pbe = scrypt ? PKCS5_pbe2_set_scrypt(cipher, nullptr, 0, nullptr, 1024, 8, 1)
                             : PKCS5_pbe2_set_iv_ex(cipher, 2048, nullptr, 0, nullptr, prf_nid, nullptr);
    EXPECT_NE(pbe, nullptr);
    X509_SIG* sig = PKCS8_set0_pbe_ex(pass, static_cast<int>(std::strlen(pass)), p8.get(), pbe, nullptr, nullptr);
    EXPECT_NE(sig, nullptr);
    Bytes der = i2d_sig(sig);
    X509_SIG_free(sig);
    return der;
}

std::string pem_of_encrypted(const Bytes& der) {
    const unsigned char* cursor = der.data();
    X509_SIG* sig = d2i_X509_SIG(nullptr, &cursor, static_cast<long>(der.size()));
    BIO* bio = BIO_new(BIO_s_mem());
    EXPECT_EQ(PEM_write_bio_PKCS8(bio, sig), 1);
    char* text = nullptr;
    const long size = BIO_get_mem_data(bio, &text);
    std::string pem(text, static_cast<std::size_t>(size));
    BIO_free(bio);
    X509_SIG_free(sig);
    return pem;
}

void expect_same_key(const PrivateKey& a, const PrivateKey& b) {
    EXPECT_EQ(a.public_key_der(), b.public_key_der());
    EXPECT_EQ(EVP_PKEY_eq(a.native(), b.native()), 1);
}

TEST(PrivateKey, GeneratesEachAlgorithm) {
    const KeyInfo p256 = p256_key().key_info();
    EXPECT_EQ(p256.type, KeyType::ec);
    EXPECT_EQ(p256.curve, "P-256");
    const KeyInfo p384 = p384_key().key_info();
    EXPECT_EQ(p384.curve, "P-384");
    EXPECT_EQ(ed25519_key().key_info().type, KeyType::ed25519);
    const KeyInfo rsa = rsa2048_key().key_info();
    EXPECT_EQ(rsa.type, KeyType::rsa);
    EXPECT_EQ(rsa.bits, 2048);
    EXPECT_EQ(rsa3072_key().key_info().bits, 3072);
    EXPECT_EQ(PrivateKey::generate_ec("P-521").key_info().curve, "P-521");
    EXPECT_NE(p256_key().public_key_der(), p256_other_key().public_key_der());
}

TEST(PrivateKey, UnknownCurveRejected) {
    const std::string message = error_of([] { PrivateKey::generate_ec("no-such-curve"); });
    EXPECT_EQ(message.rfind("private key: cannot generate EC key on curve no-such-curve", 0), 0U) << message;
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(PrivateKey, PlainPkcs8DerRoundTrip) {
    for (const PrivateKey* key : {&p256_key(), &ed25519_key(), &rsa2048_key()}) {
        const Bytes der = key->to_pkcs8_der();
        EXPECT_EQ(classify_pkcs8(der), Pkcs8Kind::plain);
        const PrivateKey again = PrivateKey::from_pkcs8_der(der);
        expect_same_key(*key, again);
        EXPECT_EQ(again.to_pkcs8_der(), der);
        // Independent: OpenSSL's generic decoder reads our PKCS#8 too.
        const unsigned char* cursor = der.data();
        EVP_PKEY* decoded = d2i_AutoPrivateKey(nullptr, &cursor, static_cast<long>(der.size()));
        ASSERT_NE(decoded, nullptr);
        EXPECT_EQ(EVP_PKEY_eq(decoded, key->native()), 1);
        EVP_PKEY_free(decoded);
    }
}

TEST(PrivateKey, PlainPkcs8PemRoundTrip) {
    const std::string pem = p384_key().to_pkcs8_pem();
    EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0U);
    expect_same_key(PrivateKey::from_pkcs8_pem(pem), p384_key());
    expect_same_key(PrivateKey::parse(as_bytes(pem)), p384_key());
}

TEST(PrivateKey, EncryptedPkcs8DerRoundTrip) {
    const Bytes der = p256_key().to_encrypted_pkcs8_der("correct horse", test_iterations);
    EXPECT_EQ(classify_pkcs8(der), Pkcs8Kind::encrypted);
    expect_same_key(PrivateKey::from_encrypted_pkcs8_der(der, "correct horse"), p256_key());
    expect_same_key(PrivateKey::parse(der, "correct horse"), p256_key());
    // Fresh salt and IV every time.
    EXPECT_NE(der, p256_key().to_encrypted_pkcs8_der("correct horse", test_iterations));
}

TEST(PrivateKey, EncryptedPkcs8PemRoundTrip) {
    const std::string pem = ed25519_key().to_encrypted_pkcs8_pem("s3cret", test_iterations);
    EXPECT_EQ(pem.rfind("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 0), 0U);
    expect_same_key(PrivateKey::from_pkcs8_pem(pem, "s3cret"), ed25519_key());
    expect_same_key(PrivateKey::parse(as_bytes(pem), "s3cret"), ed25519_key());
}

TEST(PrivateKey, EncryptedKeyUsesPbkdf2HmacSha256AndAes256Cbc) {
    const Bytes der = p256_key().to_encrypted_pkcs8_der("pw", 4321);
    const unsigned char* cursor = der.data();
    std::unique_ptr<X509_SIG, decltype(&X509_SIG_free)> sig(d2i_X509_SIG(nullptr, &cursor, static_cast<long>(der.size())),
                                                            X509_SIG_free);
    ASSERT_TRUE(sig);
    const X509_ALGOR* alg = nullptr;
    const ASN1_OCTET_STRING* data = nullptr;
    X509_SIG_get0(sig.get(), &alg, &data);
    ASSERT_EQ(OBJ_obj2nid(alg->algorithm), NID_pbes2);
    std::unique_ptr<PBE2PARAM, decltype(&PBE2PARAM_free)> pbe2(
        static_cast<PBE2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), alg->parameter)), PBE2PARAM_free);
    ASSERT_TRUE(pbe2);
    EXPECT_EQ(OBJ_obj2nid(pbe2->encryption->algorithm), NID_aes_256_cbc);
    ASSERT_EQ(OBJ_obj2nid(pbe2->keyfunc->algorithm), NID_id_pbkdf2);
    std::unique_ptr<PBKDF2PARAM, decltype(&PBKDF2PARAM_free)> kdf(
        static_cast<PBKDF2PARAM*>(ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM), pbe2->keyfunc->parameter)),
        PBKDF2PARAM_free);
    ASSERT_TRUE(kdf);
    EXPECT_EQ(ASN1_INTEGER_get(kdf->iter), 4321);
    ASSERT_NE(kdf->prf, nullptr);  // absent would mean the HMAC-SHA1 default
    EXPECT_EQ(OBJ_obj2nid(kdf->prf->algorithm), NID_hmacWithSHA256);
    ASSERT_EQ(kdf->salt->type, V_ASN1_OCTET_STRING);
    EXPECT_EQ(ASN1_STRING_length(kdf->salt->value.octet_string), 16);
}

TEST(PrivateKey, DefaultIterationCountIsWritten) {
    EXPECT_EQ(PrivateKey::default_pbkdf2_iterations, 100000);
}

TEST(PrivateKey, WrongPassphraseGivesPreciseError) {
    const Bytes der = p256_key().to_encrypted_pkcs8_der("right", test_iterations);
    // Several wrong passphrases: a wrong key sometimes yields valid CBC padding, and that must fail the same way.
    for (const char* wrong : {"wrong", "Right", "", "right ", "x", "rightright"}) {
        EXPECT_EQ(error_of([&] { PrivateKey::from_encrypted_pkcs8_der(der, wrong); }),
                  "private key: wrong passphrase or corrupt encrypted key")
            << wrong;
        EXPECT_EQ(ERR_peek_error(), 0UL);
    }
    const std::string pem = p256_key().to_encrypted_pkcs8_pem("right", test_iterations);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_pem(pem, "wrong"); }),
              "private key: wrong passphrase or corrupt encrypted key");
}

TEST(PrivateKey, CorruptCiphertextGivesTheSameError) {
    Bytes der = p256_key().to_encrypted_pkcs8_der("right", test_iterations);
    der[der.size() - 20] ^= 0x55;  // inside the encrypted data
    EXPECT_EQ(error_of([&] { PrivateKey::from_encrypted_pkcs8_der(der, "right"); }),
              "private key: wrong passphrase or corrupt encrypted key");
}

TEST(PrivateKey, EncryptedKeyWithoutPassphrase) {
    const Bytes der = p256_key().to_encrypted_pkcs8_der("pw", test_iterations);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_der(der); }), "private key: encrypted PKCS#8 needs a passphrase");
    EXPECT_EQ(error_of([&] { PrivateKey::parse(der); }), "private key: encrypted PKCS#8 needs a passphrase");
    const std::string pem = p256_key().to_encrypted_pkcs8_pem("pw", test_iterations);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_pem(pem); }), "private key: encrypted PKCS#8 needs a passphrase");
}

TEST(PrivateKey, PlainKeyIsNotAnEncryptedKey) {
    const Bytes der = p256_key().to_pkcs8_der();
    EXPECT_EQ(error_of([&] { PrivateKey::from_encrypted_pkcs8_der(der, "pw"); }),
              "private key: not an encrypted PKCS#8 key");
    // parse() takes a plain key even when a passphrase is offered.
    expect_same_key(PrivateKey::parse(der, "pw"), p256_key());
}

TEST(PrivateKey, ReadsPbkdf2HmacSha1Aes128CbcKey) {
    // The RFC 6072 era profile: PBES2 with PBKDF2-HMAC-SHA1 and AES-128-CBC.
    const Bytes der = openssl_encrypt(p256_key(), EVP_aes_128_cbc(), NID_hmacWithSHA1, "legacy pass");
    expect_same_key(PrivateKey::from_encrypted_pkcs8_der(der, "legacy pass"), p256_key());
    expect_same_key(PrivateKey::from_pkcs8_pem(pem_of_encrypted(der), "legacy pass"), p256_key());
    EXPECT_EQ(error_of([&] { PrivateKey::from_encrypted_pkcs8_der(der, "other"); }),
              "private key: wrong passphrase or corrupt encrypted key");
}

struct Pbes2Profile {
    const char* name;
    const EVP_CIPHER* (*cipher)();
    int prf_nid;
    bool scrypt;
};

// Keeps test output readable (the default prints raw bytes).
void PrintTo(const Pbes2Profile& profile, std::ostream* out) {
    *out << profile.name;
}

class PrivateKeyPbes2 : public ::testing::TestWithParam<Pbes2Profile> {};

TEST_P(PrivateKeyPbes2, ReadsOtherPbes2Profiles) {
    const Pbes2Profile& profile = GetParam();
    const Bytes der = openssl_encrypt(ed25519_key(), profile.cipher(), profile.prf_nid, "pw", profile.scrypt);
    expect_same_key(PrivateKey::from_encrypted_pkcs8_der(der, "pw"), ed25519_key());
}

INSTANTIATE_TEST_SUITE_P(Profiles, PrivateKeyPbes2,
                         ::testing::Values(Pbes2Profile{"Sha256Aes128", EVP_aes_128_cbc, NID_hmacWithSHA256, false},
                                           Pbes2Profile{"Sha512Aes256", EVP_aes_256_cbc, NID_hmacWithSHA512, false},
                                           Pbes2Profile{"Sha1Aes192", EVP_aes_192_cbc, NID_hmacWithSHA1, false},
                                           Pbes2Profile{"ScryptAes256", EVP_aes_256_cbc, NID_undef, true}),
                         [](const ::testing::TestParamInfo<Pbes2Profile>& param_info) { return param_info.param.name; });

TEST(PrivateKey, UnknownEncryptionSchemeIsNamedAsSuch) {
    // EncryptedPrivateKeyInfo whose algorithm OID no PBE scheme uses.
    std::unique_ptr<X509_SIG, decltype(&X509_SIG_free)> sig(X509_SIG_new(), X509_SIG_free);
    X509_ALGOR* alg = nullptr;
    ASN1_OCTET_STRING* data = nullptr;
    X509_SIG_getm(sig.get(), &alg, &data);
    ASSERT_EQ(X509_ALGOR_set0(alg, OBJ_txt2obj("1.3.6.1.4.1.55555.1", 1), V_ASN1_NULL, nullptr), 1);
    ASSERT_EQ(ASN1_OCTET_STRING_set(data, reinterpret_cast<const unsigned char*>("0123456789abcdef"), 16), 1);
    const Bytes der = i2d_sig(sig.get());
    EXPECT_EQ(classify_pkcs8(der), Pkcs8Kind::encrypted);
    EXPECT_EQ(error_of([&] { PrivateKey::from_encrypted_pkcs8_der(der, "pw"); }),
              "private key: unsupported encryption (unknown pbe algorithm)");
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(PrivateKey, TraditionalKeyIsNotPkcs8) {
    // i2d_PrivateKey writes the type-specific form (RFC 5915 ECPrivateKey), not PKCS#8.
    unsigned char* der = nullptr;
    const int length = i2d_PrivateKey(p256_key().native(), &der);
    ASSERT_GT(length, 0);
    const Bytes traditional(der, der + length);
    OPENSSL_free(der);
    EXPECT_EQ(classify_pkcs8(traditional), Pkcs8Kind::not_pkcs8);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_der(traditional); }), "private key: not PKCS#8");
    EXPECT_EQ(error_of([&] { PrivateKey::parse(traditional); }), "private key: not PKCS#8");

    BIO* bio = BIO_new(BIO_s_mem());
    ASSERT_EQ(PEM_write_bio_PrivateKey_traditional(bio, p256_key().native(), nullptr, nullptr, 0, nullptr, nullptr), 1);
    char* text = nullptr;
    const std::string pem(text, static_cast<std::size_t>(BIO_get_mem_data(bio, &text)));
    BIO_free(bio);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_pem(pem); }), "private key: not PKCS#8 (PEM label EC PRIVATE KEY)");
}

TEST(PrivateKey, GarbageRejected) {
    EXPECT_EQ(error_of([] { PrivateKey::from_pkcs8_der({}); }), "private key: not PKCS#8");
    EXPECT_EQ(error_of([] { PrivateKey::parse({}); }), "private key: empty input");
    const Bytes junk = {0x30, 0x05, 0x02, 0x01, 0x00, 0x30, 0x00};
    EXPECT_EQ(classify_pkcs8(junk), Pkcs8Kind::not_pkcs8);
    EXPECT_EQ(error_of([&] { PrivateKey::parse(junk); }), "private key: not PKCS#8");
    Bytes truncated = p256_key().to_pkcs8_der();
    truncated.pop_back();
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_der(truncated); }), "private key: not PKCS#8");
    Bytes trailing = p256_key().to_pkcs8_der();
    trailing.push_back(0);
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_der(trailing); }), "private key: not PKCS#8");
    EXPECT_EQ(error_of([] { PrivateKey::from_pkcs8_pem("nothing"); }), "private key: no PEM private key found");
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_pem(root_ca().cert.to_pem()); }),
              "private key: no PEM private key found");
    const std::string bad_base64 = "-----BEGIN PRIVATE KEY-----\n*not base64*\n-----END PRIVATE KEY-----\n";
    EXPECT_EQ(error_of([&] { PrivateKey::from_pkcs8_pem(bad_base64); }).rfind("private key: corrupt PEM", 0), 0U);
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(PrivateKey, EncryptionArgumentsAreChecked) {
    EXPECT_EQ(error_of([] { p256_key().to_encrypted_pkcs8_der("", test_iterations); }),
              "private key: empty passphrase");
    EXPECT_EQ(error_of([] { p256_key().to_encrypted_pkcs8_der("pw", 0); }),
              "private key: PBKDF2 iteration count must be positive");
}

TEST(PrivateKey, MatchesItsCertificateOnly) {
    const Certificate cert = issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
    EXPECT_TRUE(p256_key().matches(cert));
    EXPECT_FALSE(p256_other_key().matches(cert));
    EXPECT_FALSE(ed25519_key().matches(cert));
    EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST(PrivateKey, NativeAndFromNativeShareTheKey) {
    const PrivateKey shared = PrivateKey::from_native(p256_key().native());
    EXPECT_EQ(shared.native(), p256_key().native());
    const PrivateKey copy = shared;  // NOLINT(performance-unnecessary-copy-initialization)
    EXPECT_EQ(copy.native(), p256_key().native());
}

}  // namespace
}  // namespace credsvc::certs
