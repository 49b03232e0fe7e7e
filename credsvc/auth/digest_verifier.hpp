// The two checks of credentials against the request they came with: the
// digest-uri names the Request-URI (RFC 3261 §22.4 item 2), and the response
// is the one the stored HA1 gives (RFC 7616 §3.4.1).
#pragma once

#include <string_view>

#include "auth/digest_credentials.hpp"
#include "sip/message.hpp"

namespace credsvc::auth {

// True when the digest-uri is the request's Request-URI: the same text, or
// (since a UA may re-serialise it) equal as URIs under RFC 3261 §19.1.4
// (sip/sips; tel: per RFC 3966). A digest-uri that does not parse never matches.
bool digest_uri_matches(std::string_view digest_uri, const sip::Message& request);

// True when credentials.response equals the response computed from `ha1`
// (lower-case hex HA1 of credentials.algorithm) and the request method,
// compared in constant time.
bool response_matches(const DigestCredentials& credentials, std::string_view method, std::string_view ha1);

}  // namespace credsvc::auth
