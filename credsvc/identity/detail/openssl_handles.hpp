#pragma once
// Internal: unique_ptr owners for the OpenSSL objects this library creates.

#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>

namespace credsvc::identity::detail {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using MdCtxPtr = Owned<EVP_MD_CTX, EVP_MD_CTX_free>;
using EcdsaSigPtr = Owned<ECDSA_SIG, ECDSA_SIG_free>;
using BignumPtr = Owned<BIGNUM, BN_free>;

struct OpensslFree {
  void operator()(unsigned char* p) const noexcept { OPENSSL_free(p); }
};
using OsslBuffer = std::unique_ptr<unsigned char, OpensslFree>;

}  // namespace credsvc::identity::detail
