#pragma once
// PASSporT (RFC 8225) header and claims, with the SHAKEN extension (RFC 8588):
// building their canonical JSON (RFC 8225 §9) and reading them back from
// received JSON with strict types, each fault a precise Problem.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json_value.hpp"
#include "identity/verify_failure.hpp"

namespace credsvc::identity {

struct PassportHeader {
  std::string alg = "ES256";
  std::string typ = "passport";
  std::optional<std::string> ppt;  // "shaken" (RFC 8588); absent for a base PASSporT
  std::string x5u;                 // https URL of the signer's certificate
};

// RFC 8225 §5.2.1: exactly one of a telephone number or a URI.
struct PassportOrig {
  std::optional<std::string> tn;   // canonical: digits only
  std::optional<std::string> uri;  // "sip:alice@example.com"
};

// RFC 8225 §5.2.1: arrays of telephone numbers and/or URIs, at least one entry.
struct PassportDest {
  std::vector<std::string> tn;
  std::vector<std::string> uri;
};

struct PassportClaims {
  PassportOrig orig;
  PassportDest dest;
  std::int64_t iat = 0;  // NumericDate, seconds since the epoch
  // SHAKEN (RFC 8588 §4): attestation level A, B or C, and a UUID.
  std::optional<std::string> attest;
  std::optional<std::string> origid;
};

JsonValue to_json(const PassportHeader& header);
JsonValue to_json(const PassportClaims& claims);
// The canonical JSON texts (keys sorted, no white space).
std::string canonical_header(const PassportHeader& header);
std::string canonical_payload(const PassportClaims& claims);

// Empty when the header can be signed, else the reason (alg must be ES256,
// typ "passport", x5u an https URL, ppt a token).
std::string header_error(const PassportHeader& header);
// Empty when the claims can be signed under `ppt`, else the reason: canonical
// tn values, parsable URIs, iat >= 0, and for "shaken" attest A/B/C, a UUID
// origid and telephone numbers in orig and dest.
std::string claims_error(const PassportClaims& claims, const std::optional<std::string>& ppt);

// From received JSON. Problems: wrong_json_type ("header \"alg\" must be a
// string, not number"), missing_claim, bad_claim_value, bad_typ,
// unsupported_algorithm (alg other than ES256), unsupported_extension ("crit").
Checked<PassportHeader> header_from_json(const JsonValue& json);
// `ppt` is the header's: "shaken" makes attest, origid and tn orig required.
Checked<PassportClaims> claims_from_json(const JsonValue& json, const std::optional<std::string>& ppt);

// 8-4-4-4-12 hexadecimal digits (RFC 4122 §3), any case.
bool is_uuid(std::string_view text) noexcept;

}  // namespace credsvc::identity
