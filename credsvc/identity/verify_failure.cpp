#include "identity/verify_failure.hpp"

namespace credsvc::identity {

int sip_status(Failure f) noexcept {
  switch (f) {
    case Failure::none: return 200;
    case Failure::missing_identity: return 428;
    case Failure::missing_identity_info:
    case Failure::malformed_identity_info:
    case Failure::non_https_info:
    case Failure::info_host_not_allowed:
    case Failure::certificate_unavailable: return 436;
    case Failure::unsupported_algorithm:
    case Failure::untrusted_certificate:
    case Failure::certificate_domain_mismatch:
    case Failure::unsupported_key:
    case Failure::date_outside_certificate: return 437;
    case Failure::malformed_identity:
    case Failure::oversized:
    case Failure::bad_base64:
    case Failure::bad_json:
    case Failure::wrong_json_type:
    case Failure::missing_claim:
    case Failure::bad_claim_value:
    case Failure::bad_typ:
    case Failure::ppt_mismatch:
    case Failure::info_mismatch:
    case Failure::unsupported_extension:
    case Failure::missing_signed_header:
    case Failure::identity_mismatch:
    case Failure::bad_signature: return 438;
    case Failure::missing_date:
    case Failure::stale_date:
    case Failure::replay: return 403;
  }
  return 500;
}

std::string_view reason_phrase(Failure f, IdentityFlavor flavor) noexcept {
  const bool modern = flavor == IdentityFlavor::rfc8224;
  switch (sip_status(f)) {
    case 200: return "OK";
    case 428: return "Use Identity Header";
    case 436: return modern ? "Bad Identity Info" : "Bad Identity-Info";
    case 437: return modern ? "Unsupported Credential" : "Unsupported Certificate";
    case 438: return "Invalid Identity Header";
    case 403: return f == Failure::replay ? "Replayed Request" : "Stale Date";
    default: return "Server Internal Error";
  }
}

std::string_view to_string(Failure f) noexcept {
  switch (f) {
    case Failure::none: return "none";
    case Failure::missing_identity: return "missing_identity";
    case Failure::missing_identity_info: return "missing_identity_info";
    case Failure::malformed_identity_info: return "malformed_identity_info";
    case Failure::non_https_info: return "non_https_info";
    case Failure::info_host_not_allowed: return "info_host_not_allowed";
    case Failure::certificate_unavailable: return "certificate_unavailable";
    case Failure::unsupported_algorithm: return "unsupported_algorithm";
    case Failure::untrusted_certificate: return "untrusted_certificate";
    case Failure::certificate_domain_mismatch: return "certificate_domain_mismatch";
    case Failure::unsupported_key: return "unsupported_key";
    case Failure::date_outside_certificate: return "date_outside_certificate";
    case Failure::malformed_identity: return "malformed_identity";
    case Failure::oversized: return "oversized";
    case Failure::bad_base64: return "bad_base64";
    case Failure::bad_json: return "bad_json";
    case Failure::wrong_json_type: return "wrong_json_type";
    case Failure::missing_claim: return "missing_claim";
    case Failure::bad_claim_value: return "bad_claim_value";
    case Failure::bad_typ: return "bad_typ";
    case Failure::ppt_mismatch: return "ppt_mismatch";
    case Failure::info_mismatch: return "info_mismatch";
    case Failure::unsupported_extension: return "unsupported_extension";
    case Failure::missing_signed_header: return "missing_signed_header";
    case Failure::identity_mismatch: return "identity_mismatch";
    case Failure::bad_signature: return "bad_signature";
    case Failure::missing_date: return "missing_date";
    case Failure::stale_date: return "stale_date";
    case Failure::replay: return "replay";
  }
  return "unknown";
}

}  // namespace credsvc::identity
