#include "certs/chain_verification.hpp"

#include "certs/detail/openssl_error.hpp"
#include "certs/detail/openssl_ptr.hpp"
#include "certs/detail/x509_name.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace credsvc::certs {

namespace {

ChainResult failure(int code, int depth, std::string reason) {
    ChainResult result;
    result.error_code = code;
    result.error_depth = depth;
    result.reason = std::move(reason);
    return result;
}

}  // namespace

ChainResult verify_chain(const Certificate& leaf, std::span<const Certificate> intermediates,
                         std::span<const Certificate> trust_anchors, std::chrono::system_clock::time_point at) {
    if (trust_anchors.empty()) {
        return failure(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0, "no trust anchors given");
    }
    const detail::X509StorePtr store(X509_STORE_new());
    if (!store) {
        detail::throw_openssl("chain: out of memory");
    }
    for (const Certificate& anchor : trust_anchors) {
        // X509_STORE_add_cert takes its own reference.
        if (X509_STORE_add_cert(store.get(), anchor.native()) != 1) {
            detail::throw_openssl("chain: cannot add trust anchor");
        }
    }
    const detail::X509StackPtr untrusted(sk_X509_new_null());
    if (!untrusted) {
        detail::throw_openssl("chain: out of memory");
    }
    for (const Certificate& cert : intermediates) {
        if (X509_add_cert(untrusted.get(), cert.native(), X509_ADD_FLAG_UP_REF) != 1) {
            detail::throw_openssl("chain: cannot add intermediate");
        }
    }
    const detail::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.native(), untrusted.get()) != 1) {
        detail::throw_openssl("chain: cannot set up verification");
    }
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_PARTIAL_CHAIN);
    const auto seconds = std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
    X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(seconds));

    const int verified = X509_verify_cert(ctx.get());
    const int code = X509_STORE_CTX_get_error(ctx.get());
    if (verified == 1 && code == X509_V_OK) {
        ChainResult result;
        result.verified = true;
        const detail::X509StackPtr chain(X509_STORE_CTX_get1_chain(ctx.get()));
        for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i) {
            result.chain.push_back(Certificate::from_native(sk_X509_value(chain.get(), i)));
        }
        ERR_clear_error();
        return result;
    }
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    std::string reason = code != X509_V_OK ? X509_verify_cert_error_string(code) : "verification failed";
    if (const X509* at_fault = X509_STORE_CTX_get_current_cert(ctx.get())) {
        reason += " (depth " + std::to_string(depth) + ": " + detail::name_to_string(X509_get_subject_name(at_fault)) + ")";
    } else {
        reason += " (depth " + std::to_string(depth) + ")";
    }
    const std::string openssl_reason = detail::take_openssl_reason();
    if (code == X509_V_OK && !openssl_reason.empty()) {
        reason += ": " + openssl_reason;
    }
    return failure(code == X509_V_OK ? X509_V_ERR_UNSPECIFIED : code, depth, std::move(reason));
}

}  // namespace credsvc::certs
