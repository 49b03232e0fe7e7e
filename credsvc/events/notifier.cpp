#include "events/notifier.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "sip/uri.hpp"
#include "txn/transaction_key.hpp"

namespace credsvc::events {
namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

std::string_view to_string(PackageKind kind) noexcept {
  return kind == PackageKind::certificate ? "certificate" : "credential";
}

struct Notifier::Subscription {
  Subscription(const asio::any_io_executor& ex) : expiry_timer(ex), rate_timer(ex) {}
  std::string key;
  PackageKind kind = PackageKind::certificate;
  std::string aor;
  std::shared_ptr<const HostedDomain> domain;
  transport::FlowId flow = 0;
  NotifyDialog dialog;
  std::string owner_stamp;
  SteadyClock::time_point expires_at{};
  asio::steady_timer expiry_timer;
  asio::steady_timer rate_timer;
  bool rate_timer_armed = false;
  bool in_flight = false;
  bool removed = false;
  std::optional<SteadyClock::time_point> last_change_at;
  ResourceState last_state;
  std::optional<ResourceState> pending;
  // A refresh came while a NOTIFY was in flight: its own NOTIFY (RFC 6665
  // §4.2.2) goes out when that one is answered, whatever the state.
  bool refresh_owed = false;
  // A final NOTIFY waiting for the one in flight (RFC 6665 §4.2.2: one at a time).
  std::optional<std::pair<std::string, ResourceState>> pending_final;
};

struct Notifier::Outgoing {
  SubscriptionPtr sub;
  NotifyDialog dialog;
  std::string subscription_state;
  NotifyContent content;
  bool final = false;
};

namespace {

// Our Contact: SIPS when the SUBSCRIBE's Request-URI was (RFC 5630 §4.1);
// never the deprecated transport=tls (RFC 5630 §3.1.4): NOTIFYs reuse the
// subscriber's own TLS connection anyway (RFC 5923).
std::string our_contact(const sip::Message& request, const std::string& domain) {
  return request.request_uri().scheme == sip::UriScheme::Sips ? "<sips:credsvc@" + domain + ">"
                                                               : "<sip:credsvc@" + domain + ">";
}

std::optional<std::string> remote_target(const sip::Message& request) {
  const auto contacts = request.contacts();
  if (!contacts || contacts.value().star || contacts.value().contacts.size() != 1) return std::nullopt;
  return sip::to_string(contacts.value().contacts.front().uri);
}

// Call-ID, our tag, the subscriber's tag (RFC 3261 §12): the dialog's identity.
std::string make_dialog_key(std::string_view call_id, std::string_view local_tag, std::string_view remote_tag) {
  std::string key(call_id);
  key += '\x1f';
  key += local_tag;
  key += '\x1f';
  key += remote_tag;
  return key;
}

std::string with_tag(std::string_view value, std::string_view tag) {
  std::string out(value);
  out += ";tag=";
  out += tag;
  return out;
}

}  // namespace

Notifier::Notifier(asio::any_io_executor executor, txn::ClientTransactions& client, transport::FlowTable& flows,
                   EventOptions options)
    : executor_(std::move(executor)), client_(client), flows_(flows), options_(options) {}

Notifier::~Notifier() { stop(); }

std::optional<std::string> Notifier::dialog_key(const sip::Message& request) {
  const auto call_id = request.call_id();
  if (!call_id || !request.to() || !request.from()) return std::nullopt;
  const auto to_tag = request.to()->tag();
  if (!to_tag || to_tag->empty()) return std::nullopt;
  return make_dialog_key(*call_id, *to_tag, request.from()->tag().value_or(""));
}

bool Notifier::has_dialog(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return by_key_.contains(key);
}

std::optional<Rejection> Notifier::admit(transport::FlowId flow, const std::string& aor) const {
  std::lock_guard lock(mutex_);
  if (by_key_.size() >= options_.max_subscriptions) return Rejection{503, "Too Many Subscriptions", {}};
  if (const auto it = by_flow_.find(flow);
      it != by_flow_.end() && it->second.size() >= options_.max_subscriptions_per_connection) {
    return Rejection{503, "Too Many Subscriptions On This Connection", {}};
  }
  if (const auto it = by_aor_.find(aor); it != by_aor_.end() && it->second.size() >= options_.max_subscriptions_per_aor) {
    return Rejection{503, "Too Many Subscriptions To This Address", {}};
  }
  return std::nullopt;
}

void Notifier::subscribe(const std::shared_ptr<uas::ServerTransaction>& txn, NewSubscription request,
                         ResourceState state) {
  const auto& msg = txn->request();
  const auto target = remote_target(msg);
  if (!target || !msg.call_id() || !msg.from() || !msg.to()) {
    txn->respond(400, "Bad Dialog Headers");
    return;
  }
  auto sub = std::make_shared<Subscription>(executor_);
  sub->kind = request.kind;
  sub->aor = request.aor;
  sub->domain = request.domain;
  sub->flow = txn->connection()->id();
  sub->owner_stamp = request.owner_stamp;
  sub->dialog.request_uri = *target;
  sub->dialog.from_value = with_tag(*msg.header(sip::HeaderId::To), txn->to_tag());
  sub->dialog.to_value = std::string(*msg.header(sip::HeaderId::From));
  sub->dialog.call_id = std::string(*msg.call_id());
  sub->dialog.cseq = 0;
  sub->dialog.contact = our_contact(msg, request.domain->name);
  sub->dialog.via_host = request.domain->name;
  const auto event = msg.event();
  sub->dialog.event = std::string(to_string(request.kind));
  if (event && event.value() && event.value()->id()) sub->dialog.event += ";id=" + std::string(*event.value()->id());
  // The dialog is made by our 200: its local tag is the transaction's To tag.
  sub->key = make_dialog_key(sub->dialog.call_id, txn->to_tag(), msg.from()->tag().value_or(""));

  // The dialog is registered before the 200 leaves, so a refresh sent the
  // moment the 200 arrives finds it (on another I/O thread it could
  // otherwise overtake the registration and get 481).
  std::vector<Outgoing> out;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    if (request.expires == 0) {
      // A fetch (RFC 6665 §4.4.3): one NOTIFY with the state, terminated.
      sub->removed = true;
      prepare_locked(sub, state, "terminated;reason=timeout", true, out);
    } else {
      sub->expires_at = SteadyClock::now() + std::chrono::seconds(request.expires);
      by_key_[sub->key] = sub;
      by_aor_[sub->aor].insert(sub->key);
      by_flow_[sub->flow].insert(sub->key);
      arm_expiry_timer_locked(sub);
      prepare_locked(sub, state, active_state_locked(*sub), false, out);
    }
  }
  // RFC 6665 §4.2.1.1: the 200 first, then at once the NOTIFY.
  txn->respond(txn->response(200, "OK")
                   .add("Expires", std::to_string(request.expires))
                   .add("Contact", sub->dialog.contact));
  send(std::move(out));
}

void Notifier::refresh(const std::shared_ptr<uas::ServerTransaction>& txn, PackageKind kind, const std::string& aor,
                       std::uint32_t expires, ResourceState state) {
  const auto key = dialog_key(txn->request());
  std::vector<Outgoing> out;
  std::string contact;
  {
    std::lock_guard lock(mutex_);
    const auto it = key ? by_key_.find(*key) : by_key_.end();
    // RFC 6665 §4.2.1.2: the refresh must be for the subscription's own
    // package and resource; else another package (no Digest) or another
    // user could move a credential subscription onto their connection.
    if (it == by_key_.end() || stopped_ || it->second->kind != kind || it->second->aor != aor) {
      // fall through to 481 below
    } else {
      const auto sub = it->second;
      contact = sub->dialog.contact;
      // A refresh may come over a new connection: NOTIFYs follow it.
      const auto flow = txn->connection()->id();
      if (flow != sub->flow) {
        by_flow_[sub->flow].erase(sub->key);
        if (by_flow_[sub->flow].empty()) by_flow_.erase(sub->flow);
        sub->flow = flow;
        by_flow_[flow].insert(sub->key);
      }
      if (const auto target = remote_target(txn->request())) sub->dialog.request_uri = *target;
      if (expires == 0) {
        terminate_locked(sub, "timeout", state, out);
      } else {
        sub->expires_at = SteadyClock::now() + std::chrono::seconds(expires);
        arm_expiry_timer_locked(sub);
        // RFC 6665 §4.2.2: a refresh gets a NOTIFY with the current state.
        if (sub->in_flight) {
          sub->pending = std::move(state);
          sub->refresh_owed = true;
        } else {
          sub->pending.reset();
          prepare_locked(sub, state, active_state_locked(*sub), false, out);
        }
      }
    }
  }
  if (contact.empty()) {
    txn->respond(481, "Subscription Does Not Exist");
    return;
  }
  txn->respond(txn->response(200, "OK").add("Expires", std::to_string(expires)).add("Contact", contact));
  send(std::move(out));
}

template <typename Fn>
void Notifier::for_each_of(const std::string& aor, Fn fn) {
  std::vector<Outgoing> out;
  {
    std::lock_guard lock(mutex_);
    const auto it = by_aor_.find(aor);
    if (it == by_aor_.end()) return;
    const auto keys = it->second;  // fn may remove subscriptions
    for (const auto& key : keys) {
      if (const auto sub = find_locked(key)) fn(sub, out);
    }
  }
  send(std::move(out));
}

void Notifier::update(const std::string& aor, PackageKind kind, const ResourceState& state) {
  for_each_of(aor, [&](const SubscriptionPtr& sub, std::vector<Outgoing>& out) {
    if (sub->kind == kind) offer_locked(sub, state, out);
  });
}

void Notifier::terminate(const std::string& aor, PackageKind kind, std::string_view reason) {
  for_each_of(aor, [&](const SubscriptionPtr& sub, std::vector<Outgoing>& out) {
    if (sub->kind == kind) terminate_locked(sub, reason, ResourceState{}, out);
  });
}

void Notifier::owner_changed(const std::string& aor, const std::optional<std::string>& stamp) {
  for_each_of(aor, [&](const SubscriptionPtr& sub, std::vector<Outgoing>& out) {
    // RFC 6072 §8.8: a changed secret (or no account) ends access to the key.
    if (sub->kind == PackageKind::credential && (!stamp || sub->owner_stamp != *stamp)) {
      terminate_locked(sub, "deactivated", ResourceState{}, out);
    }
  });
}

void Notifier::on_flow_closed(transport::FlowId flow) {
  std::lock_guard lock(mutex_);
  const auto it = by_flow_.find(flow);
  if (it == by_flow_.end()) return;
  const auto keys = it->second;
  for (const auto& key : keys) {
    if (auto sub = find_locked(key)) remove_locked(std::move(sub));
  }
}

bool Notifier::has_subscribers(const std::string& aor) const {
  std::lock_guard lock(mutex_);
  return by_aor_.contains(aor);
}

Notifier::AorCounts Notifier::counts_of(const std::string& aor) const {
  std::lock_guard lock(mutex_);
  AorCounts out;
  const auto it = by_aor_.find(aor);
  if (it == by_aor_.end()) return out;
  for (const auto& key : it->second) {
    if (const auto sub = find_locked(key)) ++(sub->kind == PackageKind::certificate ? out.certificate : out.credential);
  }
  return out;
}

std::vector<std::string> Notifier::subscribed_aors(PackageKind kind) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [aor, keys] : by_aor_) {
    for (const auto& key : keys) {
      if (const auto sub = find_locked(key); sub && sub->kind == kind) {
        out.push_back(aor);
        break;
      }
    }
  }
  return out;
}

NotifierStats Notifier::stats() const {
  std::lock_guard lock(mutex_);
  NotifierStats s = stats_;
  s.subscriptions = by_key_.size();
  for (const auto& [key, sub] : by_key_) {
    ++(sub->kind == PackageKind::certificate ? s.certificate_subscriptions : s.credential_subscriptions);
  }
  return s;
}

void Notifier::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  while (!by_key_.empty()) remove_locked(by_key_.begin()->second);
}

Notifier::SubscriptionPtr Notifier::find_locked(const std::string& key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

void Notifier::remove_locked(SubscriptionPtr sub) {
  if (sub->removed) return;
  sub->removed = true;
  sub->expiry_timer.cancel();
  sub->rate_timer.cancel();
  sub->pending.reset();
  by_key_.erase(sub->key);
  if (const auto it = by_aor_.find(sub->aor); it != by_aor_.end()) {
    it->second.erase(sub->key);
    if (it->second.empty()) by_aor_.erase(it);
  }
  if (const auto it = by_flow_.find(sub->flow); it != by_flow_.end()) {
    it->second.erase(sub->key);
    if (it->second.empty()) by_flow_.erase(it);
  }
}

std::string Notifier::active_state_locked(const Subscription& sub) const {
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(sub.expires_at - SteadyClock::now()).count();
  return "active;expires=" + std::to_string(std::max<long long>(left, 0));
}

void Notifier::prepare_locked(const SubscriptionPtr& sub, const ResourceState& state, std::string subscription_state,
                              bool final, std::vector<Outgoing>& out) {
  ++sub->dialog.cseq;
  sub->in_flight = true;
  sub->last_state = state;
  ++stats_.notifies_sent;
  out.push_back(Outgoing{sub, sub->dialog, std::move(subscription_state), state.content, final});
}

void Notifier::offer_locked(const SubscriptionPtr& sub, const ResourceState& state, std::vector<Outgoing>& out) {
  if (sub->removed) return;
  if (state.key == sub->last_state.key) {
    // Back where the subscriber already is: nothing to say.
    if (sub->pending) ++stats_.notifies_coalesced;
    sub->pending.reset();
    return;
  }
  if (sub->pending) ++stats_.notifies_coalesced;
  if (sub->in_flight) {
    sub->pending = state;  // the latest state wins
    return;
  }
  const auto now = SteadyClock::now();
  // A revocation is never delayed (RFC 6072 §7.11); other changes wait for the interval.
  const bool immediate = !state.present || !sub->last_change_at ||
                         now - *sub->last_change_at >= options_.notify_interval;
  if (immediate) {
    sub->pending.reset();
    sub->last_change_at = now;
    prepare_locked(sub, state, active_state_locked(*sub), false, out);
  } else {
    sub->pending = state;
    arm_rate_timer_locked(sub);
  }
}

void Notifier::terminate_locked(const SubscriptionPtr& sub, std::string_view reason, const ResourceState& state,
                                std::vector<Outgoing>& out) {
  const bool was_in_flight = sub->in_flight;
  remove_locked(sub);
  std::string header = "terminated;reason=" + std::string(reason);
  if (was_in_flight) {
    sub->pending_final.emplace(std::move(header), state);
  } else {
    prepare_locked(sub, state, std::move(header), true, out);
  }
}

void Notifier::after_response_locked(const SubscriptionPtr& sub, std::vector<Outgoing>& out) {
  sub->in_flight = false;
  if (sub->pending_final) {
    auto final = std::move(*sub->pending_final);
    sub->pending_final.reset();
    prepare_locked(sub, final.second, std::move(final.first), true, out);
    return;
  }
  if (sub->removed) return;
  if (sub->refresh_owed) {
    // Not subject to the rate limit: it answers the subscriber's refresh.
    sub->refresh_owed = false;
    ResourceState next = sub->pending ? std::move(*sub->pending) : sub->last_state;
    sub->pending.reset();
    prepare_locked(sub, next, active_state_locked(*sub), false, out);
    return;
  }
  if (!sub->pending) return;
  ResourceState next = std::move(*sub->pending);
  sub->pending.reset();
  // Counted already when it was folded; offer it afresh.
  offer_locked(sub, next, out);
}

void Notifier::arm_rate_timer_locked(const SubscriptionPtr& sub) {
  if (sub->rate_timer_armed || !sub->last_change_at) return;
  sub->rate_timer_armed = true;
  sub->rate_timer.expires_at(*sub->last_change_at + options_.notify_interval);
  sub->rate_timer.async_wait([self = weak_from_this(), weak = std::weak_ptr(sub)](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto notifier = self.lock()) notifier->on_rate_timer(weak);
  });
}

void Notifier::arm_expiry_timer_locked(const SubscriptionPtr& sub) {
  sub->expiry_timer.expires_at(sub->expires_at);
  sub->expiry_timer.async_wait([self = weak_from_this(), weak = std::weak_ptr(sub)](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto notifier = self.lock()) notifier->on_expiry(weak);
  });
}

void Notifier::on_rate_timer(const std::weak_ptr<Subscription>& weak) {
  std::vector<Outgoing> out;
  {
    std::lock_guard lock(mutex_);
    const auto sub = weak.lock();
    if (!sub || sub->removed) return;
    sub->rate_timer_armed = false;
    if (!sub->pending || sub->in_flight) return;
    ResourceState next = std::move(*sub->pending);
    sub->pending.reset();
    offer_locked(sub, next, out);
  }
  send(std::move(out));
}

void Notifier::on_expiry(const std::weak_ptr<Subscription>& weak) {
  std::vector<Outgoing> out;
  {
    std::lock_guard lock(mutex_);
    const auto sub = weak.lock();
    if (!sub || sub->removed || SteadyClock::now() < sub->expires_at) return;
    // RFC 6665 §4.4.1: the subscription ends with a final NOTIFY.
    terminate_locked(sub, "timeout", sub->last_state, out);
  }
  send(std::move(out));
}

// NOTIFYs of one change still to be built and sent.
struct Notifier::SendQueue {
  std::mutex mutex;
  std::vector<Outgoing> items;
  std::size_t next = 0;
};

void Notifier::send(std::vector<Outgoing> out) {
  if (out.size() <= 1) {
    for (auto& o : out) send_one(std::move(o));
    return;
  }
  // A change many subscribe to: each NOTIFY is signed (an RSA signature,
  // most of its cost), so one sender per core takes them in turn, each
  // handing the thread back between two NOTIFYs so the writes queued
  // meanwhile go out at once rather than after the whole fan-out. Order
  // within a subscription is kept: it has one NOTIFY in flight at most.
  auto queue = std::make_shared<SendQueue>();
  queue->items = std::move(out);
  const std::size_t senders = std::min<std::size_t>(queue->items.size(), std::max(1u, std::thread::hardware_concurrency()));
  for (std::size_t i = 0; i < senders; ++i) {
    boost::asio::post(executor_, [self = weak_from_this(), queue] {
      if (auto notifier = self.lock()) notifier->send_next(queue);
    });
  }
}

void Notifier::send_next(const std::shared_ptr<SendQueue>& queue) {
  std::optional<Outgoing> o;
  {
    std::lock_guard lock(queue->mutex);
    if (queue->next == queue->items.size()) return;
    o.emplace(std::move(queue->items[queue->next++]));
  }
  send_one(std::move(*o));
  boost::asio::post(executor_, [self = weak_from_this(), queue] {
    if (auto notifier = self.lock()) notifier->send_next(queue);
  });
}

void Notifier::send_one(Outgoing o) {
  const std::weak_ptr<Subscription> weak = o.sub;
  const auto& domain = o.sub->domain;
  const auto connection = flows_.find(o.sub->flow);
  if (!connection || !domain->signer) {
    if (!domain->signer) spdlog::error("no identity service for {}: NOTIFY not sent", domain->name);
    on_notify_done(weak, o.final, txn::ClientOutcome::transport_error, nullptr);
    return;
  }
  const std::string branch = txn::new_branch();
  std::string request;
  try {
    request = build_notify(o.dialog, o.subscription_state, o.content, branch, *domain->signer,
                           std::chrono::system_clock::now());
  } catch (const std::exception& e) {
    spdlog::error("NOTIFY for {} not built: {} (Call-ID {})", o.sub->aor, e.what(), o.dialog.call_id);
    on_notify_done(weak, o.final, txn::ClientOutcome::transport_error, nullptr);
    return;
  }
  client_.send(connection, branch, std::move(request),
               [self = weak_from_this(), weak, final = o.final](txn::ClientOutcome outcome, const sip::Message* r) {
                 if (auto notifier = self.lock()) notifier->on_notify_done(weak, final, outcome, r);
               });
}

void Notifier::on_notify_done(const std::weak_ptr<Subscription>& weak, bool final, txn::ClientOutcome outcome,
                              const sip::Message* response) {
  const auto sub = weak.lock();
  if (!sub) return;
  const bool ok = outcome == txn::ClientOutcome::response && response && response->status() >= 200 &&
                  response->status() < 300;
  std::vector<Outgoing> out;
  {
    std::lock_guard lock(mutex_);
    if (!ok) {
      ++stats_.notifies_failed;
      spdlog::info("{} subscription to {} ended: NOTIFY {} (Call-ID {})", to_string(sub->kind), sub->aor,
                   outcome == txn::ClientOutcome::timeout            ? "timed out"
                   : outcome == txn::ClientOutcome::transport_error ? "could not be sent"
                                                                     : "was refused with " +
                                                                           std::to_string(response->status()),
                   sub->dialog.call_id);
      // RFC 6665 §4.2.2: a 481 (or any failure) removes the subscription.
      remove_locked(sub);
      sub->pending_final.reset();
      sub->in_flight = false;
      return;
    }
    if (final) return;
    after_response_locked(sub, out);
  }
  send(std::move(out));
}

}  // namespace credsvc::events
