#include "ua/subscription.hpp"

#include <stdexcept>

#include "ua/random_token.hpp"
#include "ua/response_summary.hpp"

namespace credsvc::ua {

Subscription::Subscription(UserAgent& ua, SubscribeSpec spec, std::optional<DigestLogin> login)
    : ua_(ua), spec_(std::move(spec)), login_(std::move(login)) {
  dialog_.call_id = random_hex(16) + "@credsvc";
  dialog_.local_tag = random_hex(8);
}

std::uint32_t Subscription::send_subscribe(std::uint32_t expires) {
  ++dialog_.cseq;
  SubscribeSpec spec = spec_;
  spec.expires = expires;
  OutgoingRequest request = make_subscribe(spec, dialog_);
  const sip::Message response = ua_.send(request, login_ ? &*login_ : nullptr);
  dialog_.cseq = request.cseq;  // a Digest retry used the next number
  if (response.status() < 200 || response.status() >= 300) throw std::runtime_error(describe_refusal(response));
  if (!dialog_.remote_tag && response.to() != nullptr) {
    if (const auto tag = response.to()->tag()) dialog_.remote_tag = std::string(*tag);
  }
  const auto granted = response.expires();
  return granted && *granted ? **granted : expires;
}

std::uint32_t Subscription::subscribe() { return send_subscribe(spec_.expires); }

std::uint32_t Subscription::refresh(std::uint32_t expires) { return send_subscribe(expires); }

bool Subscription::unsubscribe() noexcept {
  try {
    send_subscribe(0);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<sip::Message> Subscription::next_notify(Deadline deadline) {
  for (;;) {
    auto notify = ua_.next_notify(deadline);
    if (!notify) return std::nullopt;
    const bool ours = notify->call_id() == dialog_.call_id && notify->to() != nullptr &&
                      notify->to()->tag() == dialog_.local_tag;
    if (!ours) continue;
    // RFC 6665 §4.1.2.4: a NOTIFY may come before the 2xx; its From tag
    // names the dialog then.
    if (!dialog_.remote_tag && notify->from() != nullptr) {
      if (const auto tag = notify->from()->tag()) dialog_.remote_tag = std::string(*tag);
    }
    return notify;
  }
}

}  // namespace credsvc::ua
