#pragma once
// SUBSCRIBE requests for the RFC 6072 packages (§7 certificate, §8
// credential), initial and in-dialog (refresh, Expires: 0 to end). No I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ua/aor_parts.hpp"
#include "ua/outgoing_request.hpp"

namespace credsvc::ua {

enum class EventPackage { certificate, credential };

// "certificate" / "credential".
std::string_view event_name(EventPackage package) noexcept;
// The Accept value: application/pkix-cert (certificate, RFC 6072 §7.2), or
// multipart/mixed, application/pkix-cert, application/pkcs8 (credential, §8.2).
std::string_view accept_value(EventPackage package) noexcept;

// The dialog a subscription lives in (RFC 6665 §4.1.2.1; RFC 3261 §12).
struct SubscriptionDialog {
  std::string call_id;
  std::string local_tag;                  // our From tag
  std::optional<std::string> remote_tag;  // the notifier's To tag, once known
  std::uint32_t cseq = 0;                 // of the last SUBSCRIBE sent
};

struct SubscribeSpec {
  AorParts target;          // Request-URI and To: sip:AOR
  std::string subscriber;   // the From AOR (canonical): the target itself, or the user for credential
  EventPackage package = EventPackage::certificate;
  std::uint32_t expires = 0;  // 0: a fetch (RFC 6665 §4.1.2.4)
};

// A SUBSCRIBE with CSeq dialog.cseq (the caller increments it), To tagged
// with dialog.remote_tag when set.
OutgoingRequest make_subscribe(const SubscribeSpec& spec, const SubscriptionDialog& dialog);

}  // namespace credsvc::ua
