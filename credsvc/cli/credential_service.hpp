// The RFC 6072 credential service inside `serve`: the certificate and
// credential packages on the UAS core, Digest authentication against the
// store, the subscriptions, the credential cache, the fan-out of changes
// from every instance (LISTEN/NOTIFY) and the publication expiry sweep.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/change_listener.hpp"
#include "db/store.hpp"
#include "events/event_options.hpp"
#include "events/hosted_domains.hpp"
#include "events/notifier.hpp"
#include "events/package_context.hpp"
#include "events/publication_expiry.hpp"
#include "uas/uas_core.hpp"

namespace credsvc::cli {

class CredentialService {
 public:
  // Registers the packages on `core` (before it starts). `info_url` gives
  // each domain's Identity-Info URL. Throws std::runtime_error naming a
  // domain whose identity key is unusable.
  CredentialService(boost::asio::io_context& io, uas::UasCore& core, db::Store& store,
                    const std::vector<db::Domain>& domains, events::HostedDomains::InfoUrl info_url,
                    events::EventOptions options);
  ~CredentialService();

  // Called on the io_context when the domains may have changed (a domain
  // row written by any instance, or a reconnection of the change listener).
  // Set before start().
  void on_domains_changed(std::function<void()> observer) { domains_changed_ = std::move(observer); }
  // New signatures use `domains` from now on. Throws std::runtime_error,
  // changing nothing, naming a domain whose identity key is unusable.
  void update_domains(const std::vector<db::Domain>& domains) { context_.domains->update(domains); }

  void start();
  // Ends subscriptions (without NOTIFYs), the listener and the sweep.
  void stop();
  events::NotifierStats stats() const { return context_.notifier->stats(); }

 private:
  events::PackageContext context_;
  std::shared_ptr<events::PublicationExpiry> expiry_;
  std::unique_ptr<db::ChangeListener> listener_;
  boost::asio::io_context& io_;
  db::Store& store_;
  std::size_t collector_ = 0;  // the /metrics collector of the notifier's figures
  std::function<void()> domains_changed_;
};

}  // namespace credsvc::cli
