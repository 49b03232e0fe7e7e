#pragma once
// SIP request methods. Method names are case-sensitive (RFC 3261 §7.1).

#include <string_view>

namespace credsvc::sip {

enum class Method {
  Invite, Ack, Bye, Cancel, Options, Register, Subscribe, Notify, Publish,
  Message, Info, Prack, Update, Refer,
  Extension,  // any other token; the text is kept by whoever parsed it
};

// Method::Extension for an unknown token (the caller checks is_token first).
Method method_from_token(std::string_view token) noexcept;
// The canonical upper-case name; empty for Method::Extension.
std::string_view method_name(Method m) noexcept;

}  // namespace credsvc::sip
