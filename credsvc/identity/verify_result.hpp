#pragma once
// The outcome of verifying one signed request.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "certs/certificate.hpp"
#include "identity/verify_failure.hpp"

namespace credsvc::identity {

struct VerifyResult {
  Failure failure = Failure::none;
  std::string detail;  // one line naming the cause; empty on success
  IdentityFlavor flavor = IdentityFlavor::rfc4474;
  std::optional<certs::Certificate> signer;  // the verified leaf, on success

  [[nodiscard]] bool ok() const noexcept { return failure == Failure::none; }
  // The response to send when !ok() (RFC 4474 §14, RFC 8224 §13).
  [[nodiscard]] int status() const noexcept { return sip_status(failure); }
  [[nodiscard]] std::string_view reason() const noexcept { return reason_phrase(failure, flavor); }

  static VerifyResult from(Problem p, IdentityFlavor flavor) {
    VerifyResult r;
    r.failure = p.failure;
    r.detail = std::move(p.detail);
    r.flavor = flavor;
    return r;
  }
};

}  // namespace credsvc::identity
