#pragma once
// Identity and Identity-Info: RFC 4474 §9 (quoted base64 signature plus a
// separate Identity-Info) and RFC 8224 §4.1 (compact JWS ;info=<URI>;alg=;ppt=).

#include <optional>
#include <string>
#include <string_view>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

enum class IdentityForm {
  Rfc4474,  // Identity: "base64" (LWS inside the quotes is dropped)
  Rfc8224,  // Identity: header.payload.signature;info=<uri>;alg=...;ppt=...
  Bare,     // an unquoted signature without info (seen in RFC 4475 mpart01)
};

struct IdentityHeader {
  IdentityForm form = IdentityForm::Rfc4474;
  std::string signature;            // base64 (4474) or the compact JWS (8224)
  std::optional<std::string> info;  // the URI inside info=<...>
  Params params;                    // alg, ppt and any others (info excluded)

  [[nodiscard]] std::optional<std::string_view> alg() const noexcept { return params.value("alg"); }
  [[nodiscard]] std::optional<std::string_view> ppt() const noexcept { return params.value("ppt"); }
};
Result<IdentityHeader> parse_identity(std::string_view value);
std::string to_string(const IdentityHeader& h);

struct IdentityInfo {
  std::string uri;  // the absoluteURI inside < >
  Params params;
  [[nodiscard]] std::optional<std::string_view> alg() const noexcept { return params.value("alg"); }
};
Result<IdentityInfo> parse_identity_info(std::string_view value);
std::string to_string(const IdentityInfo& h);

}  // namespace credsvc::sip
