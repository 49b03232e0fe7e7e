#include "identity/passport_jws.hpp"

#include <algorithm>

#include "identity/base64.hpp"
#include "identity/canonical_json.hpp"
#include "identity/json_parser.hpp"

namespace credsvc::identity {
namespace {

Problem problem(Failure f, std::string detail) { return Problem{f, std::move(detail)}; }

}  // namespace

Checked<DecodedPassport> decode_passport(std::string_view jws, const PassportClaims* reconstructed,
                                         std::size_t max_size) {
  if (jws.size() > max_size) {
    return problem(Failure::oversized, "PASSporT is " + std::to_string(jws.size()) + " bytes (limit " +
                                           std::to_string(max_size) + ")");
  }
  if (std::count(jws.begin(), jws.end(), '.') != 2) {
    return problem(Failure::malformed_identity, "PASSporT needs three dot-separated parts");
  }
  const std::size_t dot1 = jws.find('.');
  const std::size_t dot2 = jws.find('.', dot1 + 1);
  const std::string_view header_part = jws.substr(0, dot1);
  const std::string_view payload_part = jws.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view signature_part = jws.substr(dot2 + 1);
  if (header_part.empty()) return problem(Failure::malformed_identity, "PASSporT header part is empty");
  if (signature_part.empty()) return problem(Failure::malformed_identity, "PASSporT signature part is empty");

  DecodedPassport out;
  const auto header_text = base64url_decode(header_part);
  if (!header_text) return problem(Failure::bad_base64, "PASSporT header is not base64url");
  const auto header_json = parse_json(*header_text);
  if (!header_json) return problem(Failure::bad_json, "PASSporT header is not JSON: " + header_json.error());
  auto header = header_from_json(*header_json);
  if (!header) return std::move(header).problem();
  out.header = std::move(*header);

  if (payload_part.empty()) {
    // RFC 8225 §7: the compact form leaves the payload to be rebuilt from the
    // request; the signature covers the canonical JSON of the rebuilt claims.
    if (reconstructed == nullptr) {
      return problem(Failure::malformed_identity, "PASSporT payload omitted (compact form) and no request to rebuild it");
    }
    const std::string why = claims_error(*reconstructed, out.header.ppt);
    if (!why.empty()) return problem(Failure::malformed_identity, "compact PASSporT: request gives no valid claims: " + why);
    out.claims = *reconstructed;
    out.compact = true;
    out.signing_input.append(header_part);
    out.signing_input.push_back('.');
    out.signing_input.append(base64url_encode(canonical_payload(out.claims)));
  } else {
    const auto payload_text = base64url_decode(payload_part);
    if (!payload_text) return problem(Failure::bad_base64, "PASSporT payload is not base64url");
    const auto payload_json = parse_json(*payload_text);
    if (!payload_json) return problem(Failure::bad_json, "PASSporT payload is not JSON: " + payload_json.error());
    auto claims = claims_from_json(*payload_json, out.header.ppt);
    if (!claims) return std::move(claims).problem();
    out.claims = std::move(*claims);
    out.signing_input = std::string(jws.substr(0, dot2));
  }

  const auto signature = base64url_decode(signature_part);
  if (!signature) return problem(Failure::bad_base64, "PASSporT signature is not base64url");
  if (signature->size() != out.signature.size()) {
    return problem(Failure::malformed_identity,
                   "ES256 signature must be 64 bytes, not " + std::to_string(signature->size()));
  }
  std::copy(signature->begin(), signature->end(), out.signature.begin());
  return out;
}

}  // namespace credsvc::identity
