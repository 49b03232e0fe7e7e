#pragma once
// URIs: sip: and sips: (RFC 3261 §19.1), tel: (RFC 3966), and any other
// scheme kept as an opaque absoluteURI so the server can answer 416.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/result.hpp"
#include "sip/shared_text.hpp"
#include "sip/view_list.hpp"

namespace credsvc::sip {

enum class UriScheme { Sip, Sips, Tel, Other };
enum class HostKind { Name, IPv4, IPv6 };

// The string_views of a Uri view text the Uri shares (see shared_text.hpp):
// copies of a Uri are safe to keep anywhere; a view taken out of one lives as
// long as the Uri (or a copy of it). Build a Uri with parse_uri only.
struct UriParam {
  std::string_view name;                  // %-decoded
  std::optional<std::string_view> value;  // %-decoded; nullopt for a flag (";lr")
  bool operator==(const UriParam&) const = default;
};

struct UriHeader {
  std::string_view name;   // %-decoded
  std::string_view value;  // %-decoded
  bool operator==(const UriHeader&) const = default;
};

// uri-parameters (two inline) and headers; only a Uri copies them.
class UriParams : public ViewList<UriParam, 2> {
 public:
  UriParams() = default;

 private:
  friend struct Uri;
  UriParams(const UriParams&) = default;
  UriParams(UriParams&&) noexcept = default;
  UriParams& operator=(const UriParams&) = default;
  UriParams& operator=(UriParams&&) noexcept = default;
};
class UriHeaders : public ViewList<UriHeader, 0> {
 public:
  UriHeaders() = default;

 private:
  friend struct Uri;
  UriHeaders(const UriHeaders&) = default;
  UriHeaders(UriHeaders&&) noexcept = default;
  UriHeaders& operator=(const UriHeaders&) = default;
  UriHeaders& operator=(UriHeaders&&) noexcept = default;
};

struct Uri {
  UriScheme scheme = UriScheme::Sip;
  std::string_view scheme_name;  // as received ("sip", "SIPS", "soap.beep", ...)

  // sip: / sips:
  std::optional<std::string_view> user;      // %-decoded (may hold any byte, even NUL)
  std::optional<std::string_view> password;  // %-decoded
  std::string_view host;                     // as received; an IPv6 reference keeps its [ ]
  HostKind host_kind = HostKind::Name;
  std::optional<std::uint16_t> port;
  UriParams params;    // uri-parameters (sip/sips) or tel: parameters
  UriHeaders headers;  // ?name=value&... (sip/sips)

  std::string_view number;  // tel: the telephone-subscriber digits as received
  std::string_view opaque;  // Other: everything after "scheme:"

  [[nodiscard]] bool is_sip() const noexcept {
    return scheme == UriScheme::Sip || scheme == UriScheme::Sips;
  }
  [[nodiscard]] const UriParam* param(std::string_view name) const noexcept;  // case-insensitive
  [[nodiscard]] bool has_param(std::string_view name) const noexcept { return param(name) != nullptr; }
  [[nodiscard]] std::optional<std::string_view> param_value(std::string_view name) const noexcept;
  [[nodiscard]] std::optional<std::string_view> transport() const noexcept { return param_value("transport"); }
  [[nodiscard]] std::optional<std::string_view> user_param() const noexcept { return param_value("user"); }
  [[nodiscard]] std::optional<std::string_view> maddr() const noexcept { return param_value("maddr"); }
  [[nodiscard]] std::optional<int> ttl() const noexcept;  // nullopt when absent or not 0-255
  [[nodiscard]] bool lr() const noexcept { return has_param("lr"); }
  [[nodiscard]] bool gr() const noexcept { return has_param("gr"); }

  // Structural (the parts, not where their bytes live); see uri_equal for §19.1.4.
  bool operator==(const Uri& other) const noexcept;

 private:
  friend bool parse_uri(std::string_view text, const SharedText& owner, Uri& out, std::string* error);
  SharedText text_;  // keeps every view above alive
};

// Parses a URI with no surrounding whitespace or angle brackets. The Uri
// keeps a copy of `text` (one allocation).
Result<Uri> parse_uri(std::string_view text);
// The same, filling a default-constructed `out` in place; on failure `error`
// (if given) gets the reason and `out` is unspecified.
bool parse_uri(std::string_view text, Uri& out, std::string* error = nullptr);
// Hot path: `text` lies inside the bytes `owner` shares (a message buffer);
// the Uri views them and shares `owner` instead of copying, unless decoding
// %-escapes needs a private copy.
bool parse_uri(std::string_view text, const SharedText& owner, Uri& out, std::string* error = nullptr);

// Wire form. Components are re-escaped where their grammar needs it, so
// parse(to_string(u)) == u. Parameters are emitted exactly as held: nothing is
// added (RFC 5630: transport=tls never appears unless it was received).
std::string to_string(const Uri& uri);

// RFC 3261 §19.1.4 equality (sip/sips), RFC 3966 §4 (tel), otherwise a
// case-insensitive scheme and an exact opaque part.
bool uri_equal(const Uri& a, const Uri& b);

// The address-of-record key: "user@host" with the host lower-cased, the user
// re-escaped canonically (so "%75ser" and "user" agree and a NUL stays "%00"),
// no port, parameters or headers, and the same for sip: and sips: (RFC 5630).
// tel: gives "tel:" and the digits without visual separators; other schemes
// give the lower-cased scheme and the opaque part.
std::string aor_of(const Uri& uri);

// hostname / IPv4address / IPv6reference ("[...]"); nullopt when none fits.
std::optional<HostKind> classify_host(std::string_view host) noexcept;

// IPv4address or IPv6address without brackets (Via received=, RFC 3261 §18.2.1).
bool is_ip_address(std::string_view text) noexcept;

// Escapes a decoded user part with the RFC 3261 §25.1 user character set.
std::string escape_user(std::string_view decoded);

}  // namespace credsvc::sip
