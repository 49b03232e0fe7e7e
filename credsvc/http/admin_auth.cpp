#include "http/admin_auth.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <span>

#include "certs/chain_verification.hpp"

namespace credsvc::http {
namespace asio = boost::asio;

AdminAuthenticator::AdminAuthenticator(std::shared_ptr<BearerAuthenticator> bearer,
                                       std::vector<certs::Certificate> admin_cas)
    : bearer_(std::move(bearer)), admin_cas_(std::move(admin_cas)) {}

std::string AdminAuthenticator::certificate_actor(const std::vector<certs::Certificate>& chain) const {
  if (chain.empty() || admin_cas_.empty()) return {};
  // RFC 5280 §6 path validation to an admin CA, at the current time.
  const auto result = certs::verify_chain(chain.front(), std::span(chain).subspan(1), admin_cas_,
                                          std::chrono::system_clock::now());
  if (!result.ok()) return {};
  return "cert:" + chain.front().subject();
}

asio::awaitable<AdminCaller> AdminAuthenticator::authenticate(const Request& request,
                                                              const RequestContext& context) const {
  const auto authorization = request.find(beast_http::field::authorization);
  if (authorization == request.end()) {
    if (context.client_chain.empty()) {
      throw AdminError(Status::unauthorized, "unauthenticated",
                       "authentication required: an admin API token (Authorization: Bearer) or a client "
                       "certificate from an admin CA");
    }
    std::string actor = certificate_actor(context.client_chain);
    if (actor.empty()) {
      spdlog::info("admin API: refused a client certificate from {} ({}): no admin CA verifies it",
                   context.remote.address().to_string(), context.client_chain.front().subject());
      throw AdminError(Status::forbidden, "untrusted_certificate",
                       "the client certificate is not issued by an admin CA");
    }
    co_return AdminCaller{std::move(actor)};
  }
  if (!bearer_) throw AdminError(Status::unauthorized, "invalid_token", "API tokens are not accepted here");
  std::string header(authorization->value().data(), authorization->value().size());
  std::string scope("admin");
  const auto check = co_await bearer_->check(std::move(header), std::move(scope));
  switch (check.outcome) {
    case BearerCheck::Outcome::accepted:
      co_return AdminCaller{"token:" + check.token_id};
    case BearerCheck::Outcome::malformed:
      throw AdminError(Status::unauthorized, "invalid_token", "Authorization is not a well-formed bearer token");
    case BearerCheck::Outcome::unknown:
      spdlog::info("admin API: unknown or revoked token from {}", context.remote.address().to_string());
      throw AdminError(Status::unauthorized, "invalid_token", "the bearer token is unknown or revoked");
    case BearerCheck::Outcome::wrong_scope:
      break;
  }
  throw AdminError(Status::forbidden, "insufficient_scope",
                   "token " + check.token_id + " has scope '" + check.scope + "', not 'admin'");
}

}  // namespace credsvc::http
