#include "uas/store_ha1_lookup.hpp"

namespace credsvc::uas {

DigestGate::Ha1Lookup make_store_ha1_lookup(db::Store& store) {
  return [&store](const auth::PendingCheck& pending, const std::string& domain, DigestGate::Ha1Reply reply) {
    store.async_get_user(pending.username() + "@" + domain,
                         [reply = std::move(reply)](std::exception_ptr error, std::optional<db::User> user) {
                           if (error) {
                             reply(error, std::nullopt);
                             return;
                           }
                           if (!user) {
                             reply(nullptr, std::nullopt);
                             return;
                           }
                           auth::UserHa1 ha1;
                           ha1.ha1_md5 = user->ha1.md5;
                           ha1.ha1_sha256 = user->ha1.sha256;
                           ha1.ha1_sha512_256 = user->ha1.sha512_256;
                           ha1.enabled = user->enabled;
                           ha1.aor = user->aor;
                           reply(nullptr, std::move(ha1));
                         });
  };
}

}  // namespace credsvc::uas
