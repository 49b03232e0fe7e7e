// Matching requests to server transactions (RFC 3261 §17.2.3).
#pragma once

#include <optional>
#include <string>

#include "sip/message.hpp"

namespace credsvc::txn {

// The key of the server transaction a request belongs to: the top Via's
// branch (with the magic cookie) plus sent-by and method — ACK matching the
// INVITE's transaction — or, for RFC 2543 requests without the cookie, the
// Request-URI, tags, Call-ID, CSeq and top Via together. nullopt when the
// request has no Via.
std::optional<std::string> server_transaction_key(const sip::Message& request);

// The branch of a response's top Via, which names our client transaction.
std::optional<std::string> client_transaction_key(const sip::Message& response);

// A fresh branch: the magic cookie plus 96 random bits (RFC 3261 §8.1.1.7).
std::string new_branch();

}  // namespace credsvc::txn
