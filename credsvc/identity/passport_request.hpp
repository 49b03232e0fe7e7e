#pragma once
// How a PASSporT relates to the SIP request that carries it (RFC 8224 §5, §6.2):
// the originating identity is P-Asserted-Identity when present, else From;
// the destination is To; iat corresponds to Date.

#include "identity/passport.hpp"
#include "identity/verify_failure.hpp"
#include "sip/message.hpp"

namespace credsvc::identity {

// The claims the request implies, for the compact form (RFC 8225 §7): orig
// the first telephone number of P-Asserted-Identity/From (else the From URI
// as written), dest To's number (else its URI as written), iat the Date.
// Problems: missing_signed_header, missing_date.
Checked<PassportClaims> claims_from_request(const sip::Message& msg);

// Problem identity_mismatch when orig or dest do not name the request's
// originator (P-Asserted-Identity or From) and destination (To). Telephone
// numbers compare in canonical form, URIs as addresses of record.
std::optional<Problem> check_request_identity(const PassportClaims& claims, const sip::Message& msg);

}  // namespace credsvc::identity
