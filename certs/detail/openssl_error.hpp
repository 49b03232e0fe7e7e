#pragma once
// Internal: turning the OpenSSL error queue into one-line Error messages.

#include <string>
#include <string_view>

namespace credsvc::certs::detail {

// Reason text of the root-cause (oldest) queued OpenSSL error ("wrong tag"), or "" if
// none. Empties the queue so errors never leak into a later call.
std::string take_openssl_reason();

// Throws Error("<what> (<openssl reason>)"), or Error("<what>") when OpenSSL
// queued nothing useful. Always leaves the error queue empty.
[[noreturn]] void throw_openssl(std::string_view what);

// Throws Error(what) exactly, after emptying the error queue.
[[noreturn]] void throw_error(std::string_view what);

}  // namespace credsvc::certs::detail
