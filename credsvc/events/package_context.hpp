// What both packages share: the hosted domains, the subscriptions, the
// credential cache, the change fan-out, Digest authentication and the store.
#pragma once

#include <memory>

#include "db/store.hpp"
#include "events/change_fanout.hpp"
#include "events/credential_cache.hpp"
#include "events/event_options.hpp"
#include "events/hosted_domains.hpp"
#include "events/notifier.hpp"
#include "uas/digest_gate.hpp"

namespace credsvc::events {

struct PackageContext {
  db::Store* store = nullptr;
  std::shared_ptr<HostedDomains> domains;
  std::shared_ptr<Notifier> notifier;
  std::shared_ptr<CredentialCache> cache;
  std::shared_ptr<ChangeFanout> fanout;
  std::shared_ptr<uas::DigestGate> gate;
  EventOptions options;
};

}  // namespace credsvc::events
