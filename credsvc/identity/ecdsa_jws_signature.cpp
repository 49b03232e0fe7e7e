#include "identity/ecdsa_jws_signature.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>

#include "identity/detail/openssl_handles.hpp"

namespace credsvc::identity {

std::optional<Es256Signature> es256_from_der(std::span<const std::uint8_t> der) {
  const unsigned char* p = der.data();
  detail::EcdsaSigPtr sig{d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()))};
  if (!sig || p != der.data() + der.size()) {
    ERR_clear_error();
    return std::nullopt;
  }
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  Es256Signature out{};
  if (BN_bn2binpad(r, out.data(), 32) != 32 || BN_bn2binpad(s, out.data() + 32, 32) != 32) {
    ERR_clear_error();
    return std::nullopt;
  }
  return out;
}

std::vector<std::uint8_t> es256_to_der(const Es256Signature& raw) {
  detail::BignumPtr r{BN_bin2bn(raw.data(), 32, nullptr)};
  detail::BignumPtr s{BN_bin2bn(raw.data() + 32, 32, nullptr)};
  detail::EcdsaSigPtr sig{ECDSA_SIG_new()};
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    ERR_clear_error();
    return {};
  }
  // ECDSA_SIG_set0 took ownership.
  (void)r.release();
  (void)s.release();
  unsigned char* buf = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &buf);
  detail::OsslBuffer owned{buf};
  if (len <= 0) {
    ERR_clear_error();
    return {};
  }
  return std::vector<std::uint8_t>(buf, buf + len);
}

}  // namespace credsvc::identity
