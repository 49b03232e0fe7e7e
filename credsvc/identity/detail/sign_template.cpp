#include "identity/detail/sign_template.hpp"

#include <stdexcept>
#include <string>

#include <openssl/err.h>

namespace credsvc::identity::detail {
namespace {

[[noreturn]] void throw_openssl(const char* what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string msg = std::string("identity: ") + what;
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    msg += " (";
    msg += buf;
    msg += ")";
  }
  throw std::runtime_error(msg);
}

// One scratch context per thread, reused for every signature of every signer.
EVP_MD_CTX* scratch_context() {
  thread_local MdCtxPtr ctx{EVP_MD_CTX_new()};
  if (!ctx) throw_openssl("cannot allocate a digest context");
  return ctx.get();
}

}  // namespace

SignTemplate::SignTemplate(EVP_PKEY* key, const char* digest) : template_(EVP_MD_CTX_new()) {
  if (!template_) throw_openssl("cannot allocate a digest context");
  if (EVP_DigestSignInit_ex(template_.get(), nullptr, digest, nullptr, nullptr, key, nullptr) != 1) {
    throw_openssl("cannot prepare the signing key");
  }
  const int size = EVP_PKEY_get_size(key);
  if (size <= 0) throw_openssl("cannot size the signature");
  max_size_ = static_cast<std::size_t>(size);
}

std::size_t SignTemplate::sign(std::span<const std::string_view> pieces, std::span<std::uint8_t> out) const {
  EVP_MD_CTX* ctx = scratch_context();
  if (EVP_MD_CTX_copy_ex(ctx, template_.get()) != 1) throw_openssl("cannot copy the signing context");
  // The copy is used once: let the final step consume it instead of
  // duplicating it to keep it reusable.
  EVP_MD_CTX_set_flags(ctx, EVP_MD_CTX_FLAG_FINALISE);
  for (std::string_view piece : pieces) {
    if (!piece.empty() && EVP_DigestSignUpdate(ctx, piece.data(), piece.size()) != 1) {
      throw_openssl("signing failed");
    }
  }
  std::size_t len = out.size();
  if (len < max_size_) throw std::logic_error("identity: signature buffer too small");
  if (EVP_DigestSignFinal(ctx, out.data(), &len) != 1) throw_openssl("signing failed");
  return len;
}

}  // namespace credsvc::identity::detail
