#pragma once
// One subscription dialog of the subscriber (RFC 6665 §4.1): the initial
// SUBSCRIBE, refreshes, the unsubscribe (Expires: 0), and picking this
// dialog's NOTIFYs out of what the user agent receives.

#include <cstdint>
#include <optional>
#include <string>

#include "sip/message.hpp"
#include "ua/subscribe_request.hpp"
#include "ua/user_agent.hpp"

namespace credsvc::ua {

class Subscription {
 public:
  // `login` is needed for the credential package (Digest, RFC 6072 §8.4).
  Subscription(UserAgent& ua, SubscribeSpec spec, std::optional<DigestLogin> login = std::nullopt);

  // Sends SUBSCRIBE with spec.expires (0: a fetch) and returns the Expires
  // the server granted (the 2xx's Expires, else what was asked). Throws
  // std::runtime_error(describe_refusal(...)) when the answer is not 2xx.
  std::uint32_t subscribe();
  // In-dialog refresh with `expires`; the same errors.
  std::uint32_t refresh(std::uint32_t expires);
  // Expires: 0 in the dialog; errors are reported by the return value
  // (false) rather than thrown, as this runs on the way out.
  bool unsubscribe() noexcept;

  // The next NOTIFY of this dialog (Call-ID and our tag match); NOTIFYs of
  // other dialogs are answered by the user agent and dropped here.
  std::optional<sip::Message> next_notify(Deadline deadline);

  [[nodiscard]] const SubscribeSpec& spec() const noexcept { return spec_; }

 private:
  std::uint32_t send_subscribe(std::uint32_t expires);

  UserAgent& ua_;
  SubscribeSpec spec_;
  std::optional<DigestLogin> login_;
  SubscriptionDialog dialog_;
};

}  // namespace credsvc::ua
