// The subscriptions of both packages (RFC 6665 §4.2): dialogs created by a
// SUBSCRIBE, their refresh and expiry, and the NOTIFYs sent on the
// subscriber's own connection (RFC 5923) through client transactions.
//
// Changes are coalesced: after a NOTIFY for a change, the next one waits
// until the notify interval has passed and then carries the latest state
// (RFC 6072 §7.11, §8.13). The first NOTIFY, a final one and one that
// reports a revocation are sent at once. One NOTIFY is outstanding per
// subscription; a failed NOTIFY (481, any other error, timeout, closed
// connection) ends the subscription, and so does its connection closing.
//
// Thread-safe: packages call in from store threads and connection strands.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "events/event_options.hpp"
#include "events/hosted_domains.hpp"
#include "events/publication_body.hpp"
#include "events/subscription_state.hpp"
#include "transport/flow_table.hpp"
#include "txn/client_transactions.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::events {

// A SUBSCRIBE that creates a subscription, as the package decided it.
struct NewSubscription {
  PackageKind kind = PackageKind::certificate;
  std::string aor;  // canonical "user@host"
  std::shared_ptr<const HostedDomain> domain;
  std::uint32_t expires = 0;  // granted; 0 is a fetch: one NOTIFY, terminated
  // credential: a stamp of the owner's password, so a change ends the subscription
  std::string owner_stamp;
};

struct NotifierStats {
  std::size_t subscriptions = 0;
  std::size_t certificate_subscriptions = 0;
  std::size_t credential_subscriptions = 0;
  std::uint64_t notifies_sent = 0;
  std::uint64_t notifies_coalesced = 0;  // changes folded into a later NOTIFY
  std::uint64_t notifies_failed = 0;
};

class Notifier : public std::enable_shared_from_this<Notifier> {
 public:
  Notifier(boost::asio::any_io_executor executor, txn::ClientTransactions& client, transport::FlowTable& flows,
           EventOptions options);
  ~Notifier();

  // The dialog key of an in-dialog request (Call-ID, our To tag, the From tag).
  static std::optional<std::string> dialog_key(const sip::Message& request);
  bool has_dialog(const std::string& key) const;

  // nullopt when a new subscription on this connection for this AOR fits the
  // limits, else the rejection (503 with Retry-After by the caller).
  std::optional<Rejection> admit(transport::FlowId flow, const std::string& aor) const;

  // Answers the SUBSCRIBE 200 and sends the first NOTIFY with `state`.
  void subscribe(const std::shared_ptr<uas::ServerTransaction>& txn, NewSubscription sub, ResourceState state);
  // A SUBSCRIBE inside an existing dialog of `kind` for `aor`: answers 200
  // (or 481 when there is no such subscription) and sends a NOTIFY;
  // `expires` 0 ends the subscription.
  void refresh(const std::shared_ptr<uas::ServerTransaction>& txn, PackageKind kind, const std::string& aor,
               std::uint32_t expires, ResourceState state);

  // The resource of `aor` in package `kind` is now `state`.
  void update(const std::string& aor, PackageKind kind, const ResourceState& state);
  // Ends every subscription of `aor` in `kind` with a final NOTIFY
  // "terminated;reason=<reason>" and no body.
  void terminate(const std::string& aor, PackageKind kind, std::string_view reason);
  // credential: ends the subscriptions of `aor` whose owner stamp differs
  // from `stamp` (nullopt: the user is gone or disabled) with "deactivated".
  void owner_changed(const std::string& aor, const std::optional<std::string>& stamp);

  void on_flow_closed(transport::FlowId flow);
  bool has_subscribers(const std::string& aor) const;
  // Subscriptions of `aor` by package (admin show's live counts).
  struct AorCounts {
    std::size_t certificate = 0;
    std::size_t credential = 0;
  };
  AorCounts counts_of(const std::string& aor) const;
  // AORs with at least one subscription of `kind` (for a resynchronisation).
  std::vector<std::string> subscribed_aors(PackageKind kind) const;
  NotifierStats stats() const;
  // Ends everything without NOTIFYs (shutdown).
  void stop();

 private:
  struct Subscription;
  struct Outgoing;
  using SubscriptionPtr = std::shared_ptr<Subscription>;

  // By value: callers pass the map's own pointer, which erasing destroys.
  void remove_locked(SubscriptionPtr sub);
  SubscriptionPtr find_locked(const std::string& key) const;
  // Runs fn(subscription, outgoing) under the lock for each subscription of
  // `aor`, then sends what it queued.
  template <typename Fn>
  void for_each_of(const std::string& aor, Fn fn);
  // Queue a NOTIFY (caller holds the lock).
  void prepare_locked(const SubscriptionPtr& sub, const ResourceState& state, std::string subscription_state,
                      bool final, std::vector<Outgoing>& out);
  void offer_locked(const SubscriptionPtr& sub, const ResourceState& state, std::vector<Outgoing>& out);
  void after_response_locked(const SubscriptionPtr& sub, std::vector<Outgoing>& out);
  void arm_rate_timer_locked(const SubscriptionPtr& sub);
  void arm_expiry_timer_locked(const SubscriptionPtr& sub);
  void terminate_locked(const SubscriptionPtr& sub, std::string_view reason, const ResourceState& state,
                        std::vector<Outgoing>& out);
  std::string active_state_locked(const Subscription& sub) const;
  struct SendQueue;
  void send(std::vector<Outgoing> out);
  void send_next(const std::shared_ptr<SendQueue>& queue);
  void send_one(Outgoing o);
  void on_notify_done(const std::weak_ptr<Subscription>& weak, bool final, txn::ClientOutcome outcome,
                      const sip::Message* response);
  void on_rate_timer(const std::weak_ptr<Subscription>& weak);
  void on_expiry(const std::weak_ptr<Subscription>& weak);

  boost::asio::any_io_executor executor_;
  txn::ClientTransactions& client_;
  transport::FlowTable& flows_;
  EventOptions options_;
  mutable std::mutex mutex_;
  bool stopped_ = false;
  std::unordered_map<std::string, SubscriptionPtr> by_key_;
  std::unordered_map<std::string, std::set<std::string>> by_aor_;
  std::unordered_map<transport::FlowId, std::set<std::string>> by_flow_;
  NotifierStats stats_;
};

}  // namespace credsvc::events
