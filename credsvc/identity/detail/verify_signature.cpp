#include "identity/detail/verify_signature.hpp"

#include <openssl/err.h>

#include "identity/detail/openssl_handles.hpp"

namespace credsvc::identity::detail {

bool verify_signature(EVP_PKEY* key, const char* digest, std::span<const std::string_view> pieces,
                      std::span<const std::uint8_t> signature) {
  MdCtxPtr ctx{EVP_MD_CTX_new()};
  bool ok = ctx && EVP_DigestVerifyInit_ex(ctx.get(), nullptr, digest, nullptr, nullptr, key, nullptr) == 1;
  for (std::size_t i = 0; ok && i < pieces.size(); ++i) {
    if (!pieces[i].empty()) ok = EVP_DigestVerifyUpdate(ctx.get(), pieces[i].data(), pieces[i].size()) == 1;
  }
  ok = ok && EVP_DigestVerifyFinal(ctx.get(), signature.data(), signature.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace credsvc::identity::detail
