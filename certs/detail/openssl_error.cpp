#include "certs/detail/openssl_error.hpp"

#include "certs/error.hpp"

#include <openssl/err.h>

namespace credsvc::certs::detail {

std::string take_openssl_reason() {
    // The oldest queued error is the root cause ("wrong tag"); later ones wrap
    // it ("nested asn1 error").
    const unsigned long code = ERR_peek_error();
    std::string reason;
    if (code != 0) {
        if (const char* text = ERR_reason_error_string(code)) {
            reason = text;
        }
    }
    ERR_clear_error();
    return reason;
}

void throw_openssl(std::string_view what) {
    const std::string reason = take_openssl_reason();
    std::string message(what);
    if (!reason.empty()) {
        message += " (" + reason + ")";
    }
    throw Error(message);
}

void throw_error(std::string_view what) {
    ERR_clear_error();
    throw Error(std::string(what));
}

}  // namespace credsvc::certs::detail
