#include "db/api_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace credsvc::db {
namespace {

constexpr std::string_view kIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// 32 bytes in base64url without padding.
constexpr std::size_t kSecretLength = (kApiTokenSecretBytes * 4 + 2) / 3;

bool is_id(std::string_view s) {
  if (s.size() != kApiTokenIdLength) return false;
  for (char c : s) {
    if (kIdAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool is_secret(std::string_view s) {
  if (s.size() != kSecretLength) return false;
  for (char c : s) {
    if (kBase64Url.find(c) == std::string_view::npos) return false;
  }
  return true;
}

void random_bytes(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("api token: random generator failed");
}

std::string base64url(const unsigned char* data, std::size_t n) {
  std::string out;
  out.reserve((n * 4 + 2) / 3);
  for (std::size_t i = 0; i < n; i += 3) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 16) | (i + 1 < n ? std::uint32_t{data[i + 1]} << 8 : 0u) |
                            (i + 2 < n ? std::uint32_t{data[i + 2]} : 0u);
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
    if (i + 1 < n) out += kBase64Url[(v >> 6) & 63];
    if (i + 2 < n) out += kBase64Url[v & 63];
  }
  return out;
}

}  // namespace

std::optional<ApiTokenParts> parse_api_token(std::string_view text) {
  if (!text.starts_with(kApiTokenPrefix)) return std::nullopt;
  text.remove_prefix(kApiTokenPrefix.size());
  // The id has no '_', the secret may: split at the first one.
  const auto sep = text.find('_');
  if (sep == std::string_view::npos) return std::nullopt;
  const auto id = text.substr(0, sep);
  const auto secret = text.substr(sep + 1);
  if (!is_id(id) || !is_secret(secret)) return std::nullopt;
  return ApiTokenParts{std::string(id), std::string(secret)};
}

std::string format_api_token(const ApiTokenParts& parts) {
  return std::string(kApiTokenPrefix) + parts.id + "_" + parts.secret;
}

ApiTokenParts generate_api_token() {
  ApiTokenParts parts;
  std::array<unsigned char, kApiTokenIdLength> id_bytes{};
  random_bytes(id_bytes.data(), id_bytes.size());
  // 36 letters: 252 = 7 * 36 keeps every one equally likely (bytes >= 252 are redrawn).
  for (std::size_t i = 0; i < id_bytes.size(); ++i) {
    unsigned char b = id_bytes[i];
    while (b >= 252) random_bytes(&b, 1);
    parts.id += kIdAlphabet[b % kIdAlphabet.size()];
  }
  std::array<unsigned char, kApiTokenSecretBytes> secret{};
  random_bytes(secret.data(), secret.size());
  parts.secret = base64url(secret.data(), secret.size());
  OPENSSL_cleanse(secret.data(), secret.size());
  return parts;
}

std::string api_token_secret_sha256(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(secret.data(), secret.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("api token: SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xf];
  }
  return out;
}

bool digests_equal(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace credsvc::db
