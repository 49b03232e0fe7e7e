#include "events/notify_request.hpp"

#include "identity/digest_string.hpp"
#include "metrics/registry.hpp"
#include "sip/message_builder.hpp"

namespace credsvc::events {

std::string build_notify(const NotifyDialog& dialog, std::string_view subscription_state,
                         const NotifyContent& content, std::string_view branch,
                         const identity::Rfc4474Signer& signer, std::chrono::system_clock::time_point now) {
  const std::string cseq_text = std::to_string(dialog.cseq);
  identity::DigestStringParts parts;
  parts.from_addr_spec = identity::raw_addr_spec(dialog.from_value);
  parts.to_addr_spec = identity::raw_addr_spec(dialog.to_value);
  parts.call_id = dialog.call_id;
  parts.cseq_number = dialog.cseq;
  parts.cseq_method = "NOTIFY";
  parts.contact_addr_spec = identity::raw_addr_spec(dialog.contact);
  parts.body = content.body;
  static auto& sign_seconds = metrics::default_registry()
                                  .histogram("credsvc_identity_sign_seconds",
                                             "time to sign one NOTIFY (RFC 4474 Identity)", {}, metrics::duration_buckets())
                                  .get();
  const auto started = std::chrono::steady_clock::now();
  const auto signature = signer.sign(parts, now);
  sign_seconds.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

  std::string event = dialog.event;
  if (!content.etag.empty()) event += ";etag=" + content.etag;
  auto notify = sip::MessageBuilder::request("NOTIFY", dialog.request_uri);
  notify.add("Via", "SIP/2.0/TLS " + dialog.via_host + ";branch=" + std::string(branch))
      .add("Max-Forwards", "70")
      .add("From", dialog.from_value)
      .add("To", dialog.to_value)
      .add("Call-ID", dialog.call_id)
      .add("CSeq", cseq_text + " NOTIFY")
      .add("Contact", dialog.contact)
      .add("Event", event)
      .add("Subscription-State", subscription_state)
      .add("Date", signature.date)
      .add("Identity", signature.identity)
      .add("Identity-Info", signature.identity_info);
  if (!content.content_type.empty()) {
    // RFC 6072 §7: the body is a signal to the UA, not something to render.
    notify.add("Content-Disposition", "signal");
    notify.body(content.content_type, content.body);
  }
  return notify.build();
}

}  // namespace credsvc::events
