#include "cli/credential_service.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>

#include "auth/digest_authenticator.hpp"
#include "events/certificate_package.hpp"
#include "events/credential_package.hpp"
#include "metrics/registry.hpp"
#include "uas/store_ha1_lookup.hpp"

namespace credsvc::cli {
namespace {

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

}  // namespace

CredentialService::CredentialService(boost::asio::io_context& io, uas::UasCore& core, db::Store& store,
                                     const std::vector<db::Domain>& domains,
                                     events::HostedDomains::InfoUrl info_url, events::EventOptions options)
    : io_(io), store_(store) {
  context_.store = &store;
  context_.options = options;
  context_.domains = std::make_shared<events::HostedDomains>(std::move(info_url));
  context_.domains->update(domains);
  for (const auto& d : domains) {
    if (!d.identity) spdlog::warn("domain {} has no identity certificate: its certificates cannot be served", d.name);
  }
  context_.notifier =
      std::make_shared<events::Notifier>(io.get_executor(), core.client_transactions(), core.flows(), options);
  context_.cache = std::make_shared<events::CredentialCache>(store, options.cache_entries);
  context_.fanout = std::make_shared<events::ChangeFanout>(store, *context_.cache, context_.notifier);
  context_.gate = std::make_shared<uas::DigestGate>(std::make_shared<auth::DigestAuthenticator>(),
                                                    uas::make_store_ha1_lookup(store));
  core.register_package("certificate", std::make_shared<events::CertificatePackage>(context_));
  core.register_package("credential", std::make_shared<events::CredentialPackage>(context_));
  // RFC 6665 §4.4.1 / RFC 5923: a subscription lives on its connection.
  core.on_flow_closed([notifier = std::weak_ptr(context_.notifier)](transport::FlowId flow) {
    if (auto n = notifier.lock()) n->on_flow_closed(flow);
  });
  expiry_ = std::make_shared<events::PublicationExpiry>(io.get_executor(), store, context_.fanout,
                                                        options.expiry_sweep);
  collector_ = metrics::default_registry().add_collector([notifier = std::weak_ptr(context_.notifier)] {
    std::vector<metrics::CollectedFamily> out;
    const auto n = notifier.lock();
    if (!n) return out;
    const auto s = n->stats();
    out.push_back({"credsvc_subscriptions", "active subscriptions by event package", "gauge",
                   {{"credsvc_subscriptions", {{"package", "certificate"}}, static_cast<double>(s.certificate_subscriptions)},
                    {"credsvc_subscriptions", {{"package", "credential"}}, static_cast<double>(s.credential_subscriptions)}}});
    out.push_back({"credsvc_notifies_sent_total", "NOTIFY requests sent", "counter",
                   {{"credsvc_notifies_sent_total", {}, static_cast<double>(s.notifies_sent)}}});
    out.push_back({"credsvc_notifies_failed_total", "NOTIFY requests that failed (error response or Timer F)", "counter",
                   {{"credsvc_notifies_failed_total", {}, static_cast<double>(s.notifies_failed)}}});
    out.push_back({"credsvc_notifies_coalesced_total", "changes folded into a later NOTIFY (RFC 6072 §7.11)", "counter",
                   {{"credsvc_notifies_coalesced_total", {}, static_cast<double>(s.notifies_coalesced)}}});
    return out;
  });
}

CredentialService::~CredentialService() {
  metrics::default_registry().remove_collector(collector_);
  stop();
}

void CredentialService::start() {
  auto listening = store_.listener_options();
  // Answers `credsvc admin show` and the admin API, whichever instance asks.
  db::InstanceRecord record{store_.instance_id(), host_name(), static_cast<std::int64_t>(::getpid()),
                            std::chrono::seconds(10)};
  listening.presence = db::ListenerOptions::Presence{
      record, [notifier = std::weak_ptr(context_.notifier)](const std::string& aor) {
        const auto n = notifier.lock();
        if (!n) return db::LiveCounts{};
        const auto counts = n->counts_of(aor);
        return db::LiveCounts{counts.certificate, counts.credential};
      }};
  listener_ = std::make_unique<db::ChangeListener>(
      std::move(listening), io_.get_executor(),
      [fanout = context_.fanout, domains_changed = domains_changed_](const db::ChangeEvent& event) {
        if (domains_changed && (event.kind == db::ChangeKind::domain || event.kind == db::ChangeKind::resync)) {
          domains_changed();
        }
        fanout->on_event(event);
      });
  expiry_->start();
}

void CredentialService::stop() {
  listener_.reset();
  if (expiry_) expiry_->stop();
  if (context_.notifier) context_.notifier->stop();
}

}  // namespace credsvc::cli
