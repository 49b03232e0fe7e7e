// Builds a NOTIFY for a subscription (RFC 6665 §4.2.2) and signs it with the
// domain's authentication service (RFC 4474, RFC 6072 §10.3). Pure: the
// caller sends the result.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "identity/rfc4474_signer.hpp"

namespace credsvc::events {

// The dialog state a NOTIFY is built from.
struct NotifyDialog {
  std::string request_uri;  // the subscriber's Contact (remote target)
  std::string from_value;   // the SUBSCRIBE's To, with our tag: the notifier
  std::string to_value;     // the SUBSCRIBE's From, with its tag: the subscriber
  std::string call_id;
  std::uint32_t cseq = 1;
  std::string contact;   // our Contact, "<sips:credsvc@example.com>"
  std::string via_host;  // sent-by of our Via
  std::string event;     // the Event value, "certificate;id=7" (etag added per NOTIFY)
};

struct NotifyContent {
  std::string content_type;  // empty: no body
  std::string body;
  std::string etag;  // credential package: the Event etag parameter (RFC 6072 §8.7)
};

// `subscription_state`: "active;expires=3600", "terminated;reason=timeout".
std::string build_notify(const NotifyDialog& dialog, std::string_view subscription_state,
                         const NotifyContent& content, std::string_view branch,
                         const identity::Rfc4474Signer& signer, std::chrono::system_clock::time_point now);

}  // namespace credsvc::events
