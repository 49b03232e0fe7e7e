// The JSON of the STIR HTTPS API, in the shape of ATIS-1000082 (SHAKEN
// signing and verification over HTTPS): requests read strictly (types,
// required members, no unknown members), responses and errors written.
// Pure: no I/O, no keys; unit-tested.
//
//   {"signingRequest":{"orig":{"tn":"12155551212"},"dest":{"tn":["12155551213"]},
//                      "iat":1443208345,"attest":"A","origid":"<uuid>"}}
//   {"signingResponse":{"identity":"<PASSporT>;info=<x5u>;alg=ES256;ppt=shaken"}}
//   {"verificationRequest":{"from":{"tn":"..."},"to":{"tn":["..."]},"time":1443208345,
//                           "identity":"..."}}
//   {"verificationResponse":{"verstat":"TN-Validation-Passed"}}
//   {"verificationResponse":{"verstat":"TN-Validation-Failed","reasoncode":438,"reasontext":"..."}}
//   {"requestError":{"serviceException":{"messageId":"SVC4001","text":"...","variables":"..."}}}
// orig/from take {"tn": string} or {"uri": string}; dest/to {"tn": [..]} and/or
// {"uri": [..]}. iat, attest and origid may be left out (see signing_claims).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/http_message.hpp"
#include "identity/passport.hpp"

namespace credsvc::http {

// Message ids (ATIS-1000082 numbering: SVC4xxx service exceptions of the
// request, POL4xxx policy exceptions, SVC5xxx failures of the server).
namespace stir_message {
inline constexpr std::string_view missing_body = "SVC4000";
inline constexpr std::string_view missing_parameter = "SVC4001";
inline constexpr std::string_view unsupported_media_type = "SVC4002";
inline constexpr std::string_view malformed_body = "SVC4003";
inline constexpr std::string_view unexpected_parameter = "SVC4004";
inline constexpr std::string_view body_too_large = "SVC4005";
inline constexpr std::string_view invalid_value = "SVC4006";
inline constexpr std::string_view unauthenticated = "POL4050";
inline constexpr std::string_view forbidden = "POL4051";
inline constexpr std::string_view internal_error = "SVC5000";
inline constexpr std::string_view unavailable = "SVC5001";
}  // namespace stir_message

struct StirApiError {
  Status status = Status::bad_request;
  bool policy = false;     // policyException; else serviceException
  std::string message_id;  // stir_message::...
  std::string text;        // one line naming the fault
  std::string variables;   // the parameter at fault ("signingRequest.orig.tn"), if one
};

StirApiError stir_error(Status status, std::string_view message_id, std::string text, std::string variables = {});
StirApiError stir_policy_error(Status status, std::string_view message_id, std::string text);

struct StirSigningRequest {
  identity::PassportOrig orig;
  identity::PassportDest dest;
  std::optional<std::int64_t> iat;
  std::optional<std::string> attest;
  std::optional<std::string> origid;
};

struct StirVerificationRequest {
  identity::PassportOrig from;
  identity::PassportDest to;
  std::optional<std::int64_t> time;  // when the call arrived; default: now
  std::string identity;              // the Identity header value
};

template <class T>
using StirParsed = std::variant<T, StirApiError>;

// Telephone numbers come back canonical (identity::canonical_tn: "+1 215-555-1212" → "12155551212").
StirParsed<StirSigningRequest> parse_signing_request(std::string_view body);
StirParsed<StirVerificationRequest> parse_verification_request(std::string_view body);

// The claims to sign: iat defaults to `now`, attest to `default_attest`,
// origid to `new_origid`; then checked for `ppt` (identity::claims_error),
// whose reason an error carries (SVC4006).
std::variant<identity::PassportClaims, StirApiError> signing_claims(const StirSigningRequest& request,
                                                                    std::int64_t now,
                                                                    const std::string& default_attest,
                                                                    const std::string& new_origid,
                                                                    const std::optional<std::string>& ppt);

// Empty when the PASSporT's orig and dest name the request's from and to
// (telephone numbers canonical, URIs as written; `to` must share an entry
// with dest), else the reason.
std::string passport_identity_mismatch(const StirVerificationRequest& request, const identity::PassportClaims& claims);

std::string signing_response_json(std::string_view identity_header);
std::string verification_passed_json();
std::string verification_failed_json(int reasoncode, std::string_view reasontext);
std::string stir_error_json(const StirApiError& error);
// The error as a response (JSON body, its status; 401 gets WWW-Authenticate: Bearer).
Response make_stir_error_response(const StirApiError& error);

}  // namespace credsvc::http
