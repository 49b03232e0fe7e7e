#pragma once
// Internal: a digest-sign context prepared once per key (EVP_DigestSignInit
// costs a key lookup, a provider fetch and allocations) and copied into a
// per-thread scratch context for each signature, so signers are const and
// safe to share between I/O threads (RFC 4474 / RFC 8225 signing hot path).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <openssl/types.h>

#include "identity/detail/openssl_handles.hpp"

namespace credsvc::identity::detail {

class SignTemplate {
 public:
  // `digest` is an OpenSSL digest name ("SHA256", "SHA1"). Throws
  // std::runtime_error when OpenSSL refuses the key/digest pair.
  SignTemplate(EVP_PKEY* key, const char* digest);

  // The largest signature the key makes (RSA: modulus bytes; ECDSA: DER size).
  [[nodiscard]] std::size_t max_signature_size() const noexcept { return max_size_; }

  // Signs the concatenation of `pieces` into `out` (at least
  // max_signature_size() bytes); returns the signature length. Throws
  // std::runtime_error on an OpenSSL failure.
  std::size_t sign(std::span<const std::string_view> pieces, std::span<std::uint8_t> out) const;

 private:
  MdCtxPtr template_;
  std::size_t max_size_ = 0;
};

}  // namespace credsvc::identity::detail
