#include "auth/digest_algorithm.hpp"

#include <gtest/gtest.h>

namespace credsvc::auth {
namespace {

TEST(DigestAlgorithm, Md5Ha1MatchesRfc2617Example) {
  // RFC 2617 §3.5: HA1 of Mufasa:testrealm@host.com:Circle Of Life.
  EXPECT_EQ(compute_ha1(DigestAlgorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life"),
            "939e7578ed9e3c518a452acee763bce9");
}

TEST(DigestAlgorithm, Sha256Ha1MatchesRfc7616Example) {
  // RFC 7616 §3.9.1 credentials; the expected value is SHA-256 of the A1
  // string computed independently (sha256sum).
  EXPECT_EQ(compute_ha1(DigestAlgorithm::sha256, "Mufasa", "http-auth@example.org", "Circle of Life"),
            "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
}

TEST(DigestAlgorithm, Sha512_256IsTruncatedVariantNotPlainSha512) {
  const auto h = digest_hex(DigestAlgorithm::sha512_256, "abc");
  // FIPS 180-4 test vector for SHA-512/256("abc").
  EXPECT_EQ(h, "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
}

TEST(DigestAlgorithm, ParsesTokensCaseInsensitively) {
  EXPECT_EQ(parse_digest_algorithm("md5"), DigestAlgorithm::md5);
  EXPECT_EQ(parse_digest_algorithm("SHA-256"), DigestAlgorithm::sha256);
  EXPECT_EQ(parse_digest_algorithm("sha-512-256"), DigestAlgorithm::sha512_256);
  EXPECT_FALSE(parse_digest_algorithm("SHA-256-sess").has_value());
  EXPECT_FALSE(parse_digest_algorithm("").has_value());
  for (auto a : {DigestAlgorithm::md5, DigestAlgorithm::sha256, DigestAlgorithm::sha512_256}) {
    EXPECT_EQ(parse_digest_algorithm(to_string(a)), a);
  }
}

// RFC 7616 §3.9.1 (an HTTP request, so the response formula is tested directly).
constexpr std::string_view kRfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view kRfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

TEST(DigestResponse, Md5MatchesRfc7616Example) {
  const std::string ha1 = compute_ha1(DigestAlgorithm::md5, "Mufasa", "http-auth@example.org", "Circle of Life");
  const DigestResponseInput in{"GET", "/dir/index.html", kRfc7616Nonce, "00000001", kRfc7616Cnonce, "auth"};
  EXPECT_EQ(compute_response(DigestAlgorithm::md5, ha1, in), "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(DigestResponse, Sha256MatchesRfc7616Example) {
  const std::string ha1 =
      compute_ha1(DigestAlgorithm::sha256, "Mufasa", "http-auth@example.org", "Circle of Life");
  const DigestResponseInput in{"GET", "/dir/index.html", kRfc7616Nonce, "00000001", kRfc7616Cnonce, "auth"};
  EXPECT_EQ(compute_response(DigestAlgorithm::sha256, ha1, in),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(DigestResponse, Md5MatchesRfc2617Example) {
  // RFC 2617 §3.5.
  const std::string ha1 = compute_ha1(DigestAlgorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
  const DigestResponseInput in{"GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                               "0a4f113b", "auth"};
  EXPECT_EQ(compute_response(DigestAlgorithm::md5, ha1, in), "6629fae49393a05397450978507c4ef1");
}

TEST(DigestResponse, Rfc2069FormOmitsNcCnonceAndQop) {
  // Without qop: KD(HA1, nonce ":" HA2). The expected value is built from
  // digest_hex of the spelled-out strings, and nc/cnonce must not matter.
  const std::string ha1 = compute_ha1(DigestAlgorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
  const std::string ha2 = digest_hex(DigestAlgorithm::md5, "GET:/dir/index.html");
  const std::string want = digest_hex(DigestAlgorithm::md5, ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2);
  const DigestResponseInput a{"GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "", "", ""};
  const DigestResponseInput b{"GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000009", "x", ""};
  EXPECT_EQ(compute_response(DigestAlgorithm::md5, ha1, a), want);
  EXPECT_EQ(compute_response(DigestAlgorithm::md5, ha1, b), want);
}

TEST(DigestResponse, EveryInputChangesTheResponse) {
  const std::string ha1 = compute_ha1(DigestAlgorithm::sha512_256, "alice", "example.com", "pw");
  const DigestResponseInput base{"REGISTER", "sip:example.com", "n", "00000001", "c", "auth"};
  const std::string r = compute_response(DigestAlgorithm::sha512_256, ha1, base);
  EXPECT_EQ(r.size(), hex_length(DigestAlgorithm::sha512_256));
  auto changed = base;
  changed.method = "SUBSCRIBE";
  EXPECT_NE(compute_response(DigestAlgorithm::sha512_256, ha1, changed), r);
  changed = base;
  changed.digest_uri = "sip:example.org";
  EXPECT_NE(compute_response(DigestAlgorithm::sha512_256, ha1, changed), r);
  changed = base;
  changed.nc = "00000002";
  EXPECT_NE(compute_response(DigestAlgorithm::sha512_256, ha1, changed), r);
  changed = base;
  changed.cnonce = "d";
  EXPECT_NE(compute_response(DigestAlgorithm::sha512_256, ha1, changed), r);
  EXPECT_NE(compute_response(DigestAlgorithm::sha256, compute_ha1(DigestAlgorithm::sha256, "alice", "example.com", "pw"),
                             base),
            r);
}

TEST(DigestAlgorithm, HexLengths) {
  EXPECT_EQ(hex_length(DigestAlgorithm::md5), 32u);
  EXPECT_EQ(hex_length(DigestAlgorithm::sha256), 64u);
  EXPECT_EQ(hex_length(DigestAlgorithm::sha512_256), 64u);
  for (auto a : {DigestAlgorithm::md5, DigestAlgorithm::sha256, DigestAlgorithm::sha512_256}) {
    EXPECT_EQ(digest_hex(a, "x").size(), hex_length(a));
  }
}

}  // namespace
}  // namespace credsvc::auth
