#include "auth/nonce_service.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "auth/base64url.hpp"
#include "auth/constant_time_equal.hpp"

namespace credsvc::auth {
namespace {

constexpr std::string_view kLabel = "credsvc-digest-nonce-v1";
constexpr std::size_t kTimeBytes = 8;
constexpr std::size_t kRandomBytes = 8;
constexpr std::size_t kMacBytes = 16;
constexpr std::size_t kNonceBytes = kTimeBytes + kRandomBytes + kMacBytes;

struct MacFree {
  void operator()(EVP_MAC* m) const noexcept { EVP_MAC_free(m); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* c) const noexcept { EVP_MAC_CTX_free(c); }
};
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;

std::int64_t to_millis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

struct NonceService::MacContext {
  MacCtxPtr keyed;
};

NonceService::NonceService(Limits limits) : NonceService(generate_secret(), limits) {}

NonceService::NonceService(std::string_view secret, Limits limits) : limits_(limits) {
  if (secret.size() < kMinSecretSize) {
    throw std::invalid_argument("nonce: secret shorter than 16 bytes");
  }
  if (limits.lifetime.count() <= 0) throw std::invalid_argument("nonce: lifetime must be positive");
  if (limits.max_clock_skew.count() < 0) throw std::invalid_argument("nonce: clock skew must not be negative");

  const std::unique_ptr<EVP_MAC, MacFree> hmac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
  if (!hmac) throw std::runtime_error("nonce: HMAC unavailable");
  MacCtxPtr ctx(EVP_MAC_CTX_new(hmac.get()));
  if (!ctx) throw std::runtime_error("nonce: out of memory");
  std::array<char, 8> digest_name{"SHA256"};
  const std::array<OSSL_PARAM, 2> params{
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name.data(), 0), OSSL_PARAM_construct_end()};
  if (EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                   params.data()) != 1) {
    throw std::runtime_error("nonce: HMAC key set-up failed");
  }
  mac_ = std::make_unique<MacContext>(MacContext{std::move(ctx)});
}

NonceService::~NonceService() = default;

std::string NonceService::generate_secret() {
  std::string secret(kSecretSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(secret.size())) != 1) {
    throw std::runtime_error("nonce: random generator failed");
  }
  return secret;
}

std::string NonceService::mac(std::string_view ts_and_random, std::string_view realm) const {
  // A per-call copy of the keyed context: EVP_MAC_CTX is not shareable
  // between threads once updated, and the copy skips the key schedule.
  const MacCtxPtr ctx(EVP_MAC_CTX_dup(mac_->keyed.get()));
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  std::size_t len = 0;
  const auto update = [&](std::string_view part) {
    return EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(part.data()), part.size()) == 1;
  };
  if (!ctx || !update(kLabel) || !update(ts_and_random) || !update(realm) ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 || len < kMacBytes) {
    throw std::runtime_error("nonce: HMAC computation failed");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), kMacBytes);
}

std::string NonceService::issue(std::string_view realm, TimePoint now) const {
  std::array<unsigned char, kTimeBytes + kRandomBytes> head{};
  const auto ms = static_cast<std::uint64_t>(to_millis(now));
  for (std::size_t i = 0; i < kTimeBytes; ++i) {
    head[i] = static_cast<unsigned char>(ms >> (8 * (kTimeBytes - 1 - i)));
  }
  if (RAND_bytes(head.data() + kTimeBytes, static_cast<int>(kRandomBytes)) != 1) {
    throw std::runtime_error("nonce: random generator failed");
  }
  std::string raw(reinterpret_cast<const char*>(head.data()), head.size());
  raw += mac(raw, realm);
  return base64url_encode(raw);
}

NonceCheck NonceService::check(std::string_view nonce, std::string_view realm, TimePoint now) const {
  NonceCheck result;
  const auto raw = base64url_decode(nonce);
  if (!raw || raw->size() != kNonceBytes) {
    result.reason = "nonce is not one of ours (bad encoding or length)";
    return result;
  }
  const std::string_view bytes(*raw);
  const std::string expected = mac(bytes.substr(0, kTimeBytes + kRandomBytes), realm);
  if (!constant_time_equal(expected, bytes.substr(kTimeBytes + kRandomBytes))) {
    result.reason = "nonce MAC mismatch (forged, for another realm, or from a server with another secret)";
    return result;
  }
  std::uint64_t ms = 0;
  for (std::size_t i = 0; i < kTimeBytes; ++i) ms = (ms << 8) | static_cast<unsigned char>(bytes[i]);
  result.issued = TimePoint(std::chrono::duration_cast<TimePoint::duration>(
      std::chrono::milliseconds(static_cast<std::int64_t>(ms))));
  if (result.issued > now + limits_.max_clock_skew) {
    result.reason = "nonce issued in the future (clock skew between instances?)";
    return result;
  }
  if (now - result.issued > limits_.lifetime) {
    result.state = NonceState::stale;
    result.reason = "nonce expired";
    return result;
  }
  result.state = NonceState::valid;
  return result;
}

}  // namespace credsvc::auth
