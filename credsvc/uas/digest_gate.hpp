// Digest authentication of a request before a package acts on it (RFC 3261
// §22.3, RFC 7616): answers the challenge and every failure itself, fetches
// the HA1 asynchronously (never on an I/O thread), and continues with the
// authenticated identity on success.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "auth/digest_authenticator.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::uas {

class DigestGate {
 public:
  using Ha1Reply = std::function<void(std::exception_ptr, std::optional<auth::UserHa1>)>;
  // Fetches the HA1 of pending.username() in `domain` (whose realm is
  // pending.realm()); replies nullopt when there is no such user, an
  // exception when the store cannot answer (→ 503).
  using Ha1Lookup = std::function<void(const auth::PendingCheck& pending, const std::string& domain, Ha1Reply reply)>;
  using Next = std::function<void(const auth::Outcome& authenticated)>;

  DigestGate(std::shared_ptr<auth::DigestAuthenticator> authenticator, Ha1Lookup lookup);

  // `next` runs (on a store thread or the connection's strand) only for an
  // authenticated request; every other outcome is answered here.
  void authenticate(const std::shared_ptr<ServerTransaction>& txn, const std::string& domain, const std::string& realm,
                    Next next);

  const auth::DigestAuthenticator& authenticator() const { return *authenticator_; }

 private:
  std::shared_ptr<auth::DigestAuthenticator> authenticator_;
  Ha1Lookup lookup_;
};

}  // namespace credsvc::uas
