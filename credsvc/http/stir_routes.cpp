#include "http/stir_routes.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <chrono>
#include <stdexcept>

#include "db/errors.hpp"
#include "http/json_response.hpp"
#include "http/stir_json.hpp"
#include "identity/origid.hpp"

namespace credsvc::http {
namespace asio = boost::asio;

namespace {

using Shared = std::shared_ptr<const StirApiOptions>;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

// Who may call: a verified client certificate, else a bearer token of scope
// stir (or admin). nullopt when authenticated.
asio::awaitable<std::optional<StirApiError>> authenticate(const StirApiOptions& o, const Request& request,
                                                          const RequestContext& context) {
  const auto authorization = request.find(beast_http::field::authorization);
  if (authorization == request.end() || o.authenticator == nullptr) {
    if (context.client_verified) co_return std::nullopt;
    co_return stir_policy_error(Status::unauthorized, stir_message::unauthenticated,
                                "authentication required: a bearer token or a client certificate");
  }
  if (context.client_verified) co_return std::nullopt;
  std::string header(view(authorization->value()));
  std::string scope("stir");
  const auto check = co_await o.authenticator->check(std::move(header), std::move(scope));
  switch (check.outcome) {
    case BearerCheck::Outcome::accepted:
      co_return std::nullopt;
    case BearerCheck::Outcome::malformed:
      co_return stir_policy_error(Status::unauthorized, stir_message::unauthenticated,
                                  "Authorization is not a well-formed bearer token");
    case BearerCheck::Outcome::unknown:
      spdlog::info("STIR API: unknown or revoked token from {}", context.remote.address().to_string());
      co_return stir_policy_error(Status::unauthorized, stir_message::unauthenticated,
                                  "the bearer token is unknown or revoked");
    case BearerCheck::Outcome::wrong_scope:
      co_return stir_policy_error(Status::forbidden, stir_message::forbidden,
                                  "token " + check.token_id + " has scope '" + check.scope +
                                      "', not 'stir' or 'admin'");
  }
  co_return stir_policy_error(Status::unauthorized, stir_message::unauthenticated, "not authenticated");
}

// Authentication, then the body's size and media type. nullopt: go on.
asio::awaitable<std::optional<StirApiError>> admit(const StirApiOptions& o, const Request& request,
                                                   const RequestContext& context) {
  std::optional<StirApiError> refusal;
  try {
    refusal = co_await authenticate(o, request, context);
  } catch (const db::Unavailable&) {
    refusal = stir_error(Status::service_unavailable, stir_message::unavailable,
                         "the token store is unavailable; try again later");
  }
  if (refusal) co_return refusal;
  if (request.body().size() > o.max_body_size) {
    co_return stir_error(Status::payload_too_large, stir_message::body_too_large,
                         "request body exceeds " + std::to_string(o.max_body_size) + " bytes");
  }
  const auto type = request.find(beast_http::field::content_type);
  if (type != request.end()) {
    std::string_view media = view(type->value());
    media = media.substr(0, media.find(';'));
    while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
    if (!boost::beast::iequals(media, "application/json")) {
      co_return stir_error(Status::unsupported_media_type, stir_message::unsupported_media_type,
                           "content type '" + std::string(media) + "' is not supported: send application/json",
                           std::string(media));
    }
  }
  co_return std::nullopt;
}

asio::awaitable<Response> sign(Shared o, const Request& request, const RequestContext& context) {
  const auto refusal = co_await admit(*o, request, context);
  if (refusal) co_return make_stir_error_response(*refusal);
  auto parsed = parse_signing_request(request.body());
  if (auto* e = std::get_if<StirApiError>(&parsed)) co_return make_stir_error_response(*e);
  auto claims = signing_claims(std::get<StirSigningRequest>(parsed), unix_now(), o->default_attest,
                               identity::random_origid(), o->signer->header().ppt);
  if (auto* e = std::get_if<StirApiError>(&claims)) co_return make_stir_error_response(*e);
  std::string identity_value;
  try {
    identity_value = o->signer->identity(std::get<identity::PassportClaims>(claims));
  } catch (const std::invalid_argument& e) {
    co_return make_stir_error_response(
        stir_error(Status::bad_request, stir_message::invalid_value, std::string("cannot sign: ") + e.what()));
  }
  co_return make_json_response(Status::ok, signing_response_json(identity_value));
}

// The fetcher's answer, back on the coroutine's executor.
asio::awaitable<std::pair<std::error_code, CertificateFetcher::Chain>> fetch_chain(CertificateFetcher& fetcher,
                                                                                   const std::string& url) {
  // Plain statements around co_await: g++ 12 mishandles the lifetime of a
  // co_await result used directly inside a larger expression.
  auto fetched = co_await asio::async_initiate<const asio::use_awaitable_t<>&,
                                               void(std::pair<std::error_code, CertificateFetcher::Chain>)>(
      [&fetcher, &url](auto handler) {
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        fetcher.fetch(url, [shared](std::error_code ec, CertificateFetcher::Chain chain) {
          const auto executor = asio::get_associated_executor(*shared);
          asio::dispatch(executor, [shared, ec, chain = std::move(chain)]() mutable {
            std::move (*shared)(std::make_pair(ec, std::move(chain)));
          });
        });
      },
      asio::use_awaitable);
  co_return fetched;
}

Response verification_failed(const identity::VerifyResult& r) {
  return make_json_response(Status::ok, verification_failed_json(r.status(), std::string(r.reason()) +
                                                                                 (r.detail.empty() ? "" : ": " + r.detail)));
}

asio::awaitable<Response> verify(Shared o, const Request& request, const RequestContext& context) {
  const auto refusal = co_await admit(*o, request, context);
  if (refusal) co_return make_stir_error_response(*refusal);
  auto parsed = parse_verification_request(request.body());
  if (auto* e = std::get_if<StirApiError>(&parsed)) co_return make_stir_error_response(*e);
  const auto& req = std::get<StirVerificationRequest>(parsed);
  // iat freshness is judged against the time the call arrived (ATIS "time").
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(req.time.value_or(unix_now())));
  auto pre = o->verifier->precheck(req.identity, now);
  if (!pre) {
    co_return verification_failed(identity::VerifyResult::from(std::move(pre).problem(),
                                                               identity::IdentityFlavor::rfc8224));
  }
  const auto fetched = co_await fetch_chain(*o->fetcher, pre->url);
  const std::error_code ec = fetched.first;
  const CertificateFetcher::Chain chain = fetched.second;
  if (ec || !chain || chain->empty()) {
    co_return verification_failed(identity::VerifyResult::from(
        identity::Problem{identity::Failure::certificate_unavailable,
                          "cannot fetch the x5u certificate" + (ec ? ": " + ec.message() : std::string())},
        identity::IdentityFlavor::rfc8224));
  }
  const auto result = o->verifier->verify(req.identity, *chain, now);
  if (!result.ok()) co_return verification_failed(result.result);
  const std::string mismatch = passport_identity_mismatch(req, result.passport->claims);
  if (!mismatch.empty()) {
    co_return verification_failed(identity::VerifyResult::from(
        identity::Problem{identity::Failure::identity_mismatch, mismatch}, identity::IdentityFlavor::rfc8224));
  }
  co_return make_json_response(Status::ok, verification_passed_json());
}

}  // namespace

void add_stir_routes(HttpsServer& server, StirApiOptions options) {
  if (options.verifier && !options.fetcher) throw std::invalid_argument("STIR API: a verifier needs a fetcher");
  const auto o = std::make_shared<const StirApiOptions>(std::move(options));
  if (o->signer) {
    server.route(Verb::post, "/stir/v1/signing", PathMatch::exact,
                 AwaitableHandler([o](const Request& r, const RequestContext& c) { return sign(o, r, c); }));
  }
  if (o->verifier) {
    server.route(Verb::post, "/stir/v1/verification", PathMatch::exact,
                 AwaitableHandler([o](const Request& r, const RequestContext& c) { return verify(o, r, c); }));
  }
}

}  // namespace credsvc::http
