// Who may call the HTTPS admin API: the holder of an API token of scope
// admin ("Authorization: Bearer <token>", http/bearer_auth.hpp), or a client
// whose TLS certificate chains to an admin CA (serve --admin-ca). A request
// with an Authorization header is judged by its token alone; without one,
// by its certificate. Outcomes: the actor recorded in audit rows
// ("token:<id>", "cert:<subject>"), or a refusal: 401 unauthenticated (with
// a Bearer challenge), 401 invalid_token (unknown, revoked or malformed),
// 403 insufficient_scope (a token of another scope), 403
// untrusted_certificate (a certificate no admin CA verifies).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "certs/certificate.hpp"
#include "http/admin_error.hpp"
#include "http/bearer_auth.hpp"
#include "http/http_message.hpp"

namespace credsvc::http {

struct AdminCaller {
  std::string actor;
};

class AdminAuthenticator {
 public:
  // `bearer` may be null (certificates only); `admin_cas` may be empty (tokens only).
  AdminAuthenticator(std::shared_ptr<BearerAuthenticator> bearer, std::vector<certs::Certificate> admin_cas);

  // The caller, or throws AdminError (db::Unavailable from the token store propagates).
  boost::asio::awaitable<AdminCaller> authenticate(const Request& request, const RequestContext& context) const;

  // The actor of a client chain verified by an admin CA now; empty when none verifies it.
  std::string certificate_actor(const std::vector<certs::Certificate>& chain) const;

 private:
  std::shared_ptr<BearerAuthenticator> bearer_;
  std::vector<certs::Certificate> admin_cas_;
};

}  // namespace credsvc::http
