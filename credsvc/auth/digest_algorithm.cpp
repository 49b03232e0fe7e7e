#include "auth/digest_algorithm.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <strings.h>

namespace credsvc::auth {

std::string_view to_string(DigestAlgorithm algorithm) noexcept {
  switch (algorithm) {
    case DigestAlgorithm::md5: return "MD5";
    case DigestAlgorithm::sha256: return "SHA-256";
    case DigestAlgorithm::sha512_256: return "SHA-512-256";
  }
  return "MD5";
}

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view token) noexcept {
  const auto is = [&](std::string_view name) {
    return token.size() == name.size() && ::strncasecmp(token.data(), name.data(), name.size()) == 0;
  };
  if (is("MD5")) return DigestAlgorithm::md5;
  if (is("SHA-256")) return DigestAlgorithm::sha256;
  if (is("SHA-512-256")) return DigestAlgorithm::sha512_256;
  return std::nullopt;
}

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data) {
  const EVP_MD* md = nullptr;
  switch (algorithm) {
    case DigestAlgorithm::md5: md = EVP_md5(); break;
    case DigestAlgorithm::sha256: md = EVP_sha256(); break;
    case DigestAlgorithm::sha512_256: md = EVP_sha512_256(); break;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1) {
    throw std::runtime_error("digest: hash computation failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[out[i] >> 4]);
    hex.push_back(kHex[out[i] & 0x0f]);
  }
  return hex;
}

std::string compute_ha1(DigestAlgorithm algorithm, std::string_view username, std::string_view realm,
                        std::string_view password) {
  std::string a1;
  a1.reserve(username.size() + realm.size() + password.size() + 2);
  a1.append(username).append(":").append(realm).append(":").append(password);
  std::string ha1 = digest_hex(algorithm, a1);
  // Don't leave the password in freed memory longer than needed.
  OPENSSL_cleanse(a1.data(), a1.size());
  return ha1;
}

std::size_t hex_length(DigestAlgorithm algorithm) noexcept {
  return algorithm == DigestAlgorithm::md5 ? 32 : 64;
}

std::string compute_response(DigestAlgorithm algorithm, std::string_view ha1, const DigestResponseInput& in) {
  std::string a2;
  a2.reserve(in.method.size() + in.digest_uri.size() + 1);
  a2.append(in.method).append(":").append(in.digest_uri);
  const std::string ha2 = digest_hex(algorithm, a2);

  std::string kd;
  kd.reserve(ha1.size() + in.nonce.size() + in.nc.size() + in.cnonce.size() + in.qop.size() +
             ha2.size() + 5);
  kd.append(ha1).append(":").append(in.nonce).append(":");
  if (!in.qop.empty()) {
    kd.append(in.nc).append(":").append(in.cnonce).append(":").append(in.qop).append(":");
  }
  kd.append(ha2);
  std::string response = digest_hex(algorithm, kd);
  // kd starts with HA1, which is password-equivalent.
  OPENSSL_cleanse(kd.data(), kd.size());
  return response;
}

}  // namespace credsvc::auth
