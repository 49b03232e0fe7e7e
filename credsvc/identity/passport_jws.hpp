#pragma once
// PASSporT in JWS Compact Serialization (RFC 8225 §6, RFC 7515 §7.1):
// BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature).
// Decoding needs no key: it checks the form and the claims, and returns what
// the signature covers, for a verifier to check with the signer's key.

#include <cstddef>
#include <string>
#include <string_view>

#include "identity/ecdsa_jws_signature.hpp"
#include "identity/passport.hpp"
#include "identity/verify_failure.hpp"

namespace credsvc::identity {

struct DecodedPassport {
  PassportHeader header;
  PassportClaims claims;
  std::string signing_input;  // BASE64URL(header) "." BASE64URL(payload), as signed
  Es256Signature signature{};
  bool compact = false;  // the payload was omitted and rebuilt (RFC 8225 §7)
};

inline constexpr std::size_t kDefaultMaxPassportSize = 8192;

// Problems: oversized (more than `max_size` bytes), malformed_identity (not
// three parts, empty header, signature not 64 bytes, compact form without
// `reconstructed`), bad_base64 (naming the part), bad_json (naming the part
// and the fault), and those of header_from_json / claims_from_json.
// `reconstructed`: the claims rebuilt from the request, used when the payload
// part is empty (compact form).
Checked<DecodedPassport> decode_passport(std::string_view jws, const PassportClaims* reconstructed = nullptr,
                                         std::size_t max_size = kDefaultMaxPassportSize);

}  // namespace credsvc::identity
