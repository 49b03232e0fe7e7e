#include "https_fixture.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>

#include "http/health_route.hpp"
#include "http/identity_routes.hpp"
#include "http/json_response.hpp"

namespace credsvc::testing {
namespace asio = boost::asio;
using namespace std::chrono_literals;

http::HttpLimits test_limits() {
  http::HttpLimits l;
  l.handshake_timeout = 1500ms;
  l.request_timeout = 1500ms;
  l.idle_timeout = 3000ms;  // longer than a request timeout, which tests wait out
  l.handler_timeout = 500ms;
  return l;
}

void HttpsFixture::SetUp() {
  domains_ = {pki_.domain("a.example"), pki_.domain("b.example"), pki_.domain("short.example", 10min)};
  directory_->update(domains_);
  set_contexts(domains_, "a.example");
  work_.emplace(io_.get_executor());
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  start_server(test_limits());
}

void HttpsFixture::TearDown() {
  {
    std::lock_guard lock(held_mutex_);
    held_.clear();
  }
  if (server_) server_->stop();
  server_.reset();
  work_.reset();
  // Let closing connections finish, then stop whatever is left.
  for (int i = 0; i < 100 && !io_.stopped(); ++i) std::this_thread::sleep_for(20ms);
  io_.stop();
  for (auto& t : threads_) t.join();
}

void HttpsFixture::set_contexts(const std::vector<db::Domain>& domains, const std::string& default_domain) {
  std::vector<transport::DomainTlsConfig> configs;
  for (const auto& d : domains) configs.push_back({d.name, d.tls->chain_pem, d.tls->key_pem, std::nullopt, false});
  auto built = transport::TlsContexts::build(configs, default_domain);
  std::lock_guard lock(contexts_mutex_);
  contexts_ = std::move(built);
}

const db::Domain& HttpsFixture::domain(const std::string& name) const {
  for (const auto& d : domains_) {
    if (d.name == name) return d;
  }
  throw std::out_of_range(name);
}

void HttpsFixture::start_server(http::HttpLimits limits) {
  if (server_) server_->stop();
  limits_ = limits;
  server_ = std::make_unique<http::HttpsServer>(
      io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0),
      [this] {
        std::lock_guard lock(contexts_mutex_);
        return contexts_;
      },
      limits);
  http::add_identity_routes(*server_, directory_);
  http::add_health_route(*server_);

  // Answers later, from another thread.
  server_->route(http::Verb::get, "/test/later", http::PathMatch::exact,
                 [](const http::Request&, const http::RequestContext&, http::Responder responder) {
                   std::thread([responder] {
                     std::this_thread::sleep_for(50ms);
                     responder.send(http::make_json_response(http::Status::ok, R"({"later":true})"));
                   }).detach();
                 });
  // Drops its responder without answering.
  server_->route(http::Verb::get, "/test/forgotten", http::PathMatch::exact,
                 [](const http::Request&, const http::RequestContext&, http::Responder) {});
  // Throws.
  server_->route(http::Verb::get, "/test/throws", http::PathMatch::exact,
                 [](const http::Request&, const http::RequestContext&, http::Responder) -> void {
                   throw std::runtime_error("handler failure");
                 });
  // Keeps its responder past the handler timeout.
  server_->route(http::Verb::get, "/test/held", http::PathMatch::exact,
                 [this](const http::Request&, const http::RequestContext&, http::Responder responder) {
                   std::lock_guard lock(held_mutex_);
                   held_.push_back(std::move(responder));
                 });
  // A coroutine handler that waits on a timer, and reports what it was given.
  server_->route(http::Verb::get, "/test/coro/", http::PathMatch::prefix,
                 [](const http::Request&, const http::RequestContext& context) -> asio::awaitable<http::Response> {
                   asio::steady_timer timer(co_await asio::this_coro::executor, 20ms);
                   co_await timer.async_wait(asio::use_awaitable);
                   http::Response res{http::Status::ok, 11};
                   res.set(boost::beast::http::field::content_type, "text/plain");
                   res.body() = "rest=" + context.path_rest + ";query=" + context.query + ";domain=" + context.domain;
                   co_return res;
                 });
  // Echoes the request body.
  server_->route(http::Verb::post, "/test/echo", http::PathMatch::exact,
                 [](const http::Request& request, const http::RequestContext&, http::Responder responder) {
                   http::Response res{http::Status::ok, 11};
                   res.set(boost::beast::http::field::content_type, "application/octet-stream");
                   res.body() = request.body();
                   responder.send(std::move(res));
                 });
  // A response bigger than the fetcher's default cap.
  server_->route(http::Verb::get, "/test/big", http::PathMatch::exact,
                 [](const http::Request&, const http::RequestContext&, http::Responder responder) {
                   http::Response res{http::Status::ok, 11};
                   res.set(boost::beast::http::field::content_type, "application/pem-certificate-chain");
                   res.body() = std::string(70 * 1024, 'A');
                   responder.send(std::move(res));
                 });
  // Claims to be a certificate, is not.
  server_->route(http::Verb::get, "/test/not-a-certificate", http::PathMatch::exact,
                 [](const http::Request&, const http::RequestContext&, http::Responder responder) {
                   http::Response res{http::Status::ok, 11};
                   res.set(boost::beast::http::field::content_type, "application/pkix-cert");
                   res.body() = "hello";
                   responder.send(std::move(res));
                 });
  // a.example's identity certificate, not to be stored.
  server_->route(http::Verb::get, "/test/no-store.cer", http::PathMatch::exact,
                 [this](const http::Request&, const http::RequestContext&, http::Responder responder) {
                   const auto der = certs::Certificate::from_pem(domain("a.example").identity->chain_pem).to_der();
                   http::Response res{http::Status::ok, 11};
                   res.set(boost::beast::http::field::content_type, "application/pkix-cert");
                   res.set(boost::beast::http::field::cache_control, "no-store");
                   res.body().assign(der.begin(), der.end());
                   responder.send(std::move(res));
                 });
  server_->start();
}

HttpsClientOptions HttpsFixture::client_options(std::optional<std::string> server_name,
                                                std::optional<std::string> source_address) const {
  HttpsClientOptions o;
  o.port = server_->local_endpoint().port();
  o.ca_pem = pki_.ca_pem();
  o.server_name = std::move(server_name);
  o.source_address = std::move(source_address);
  return o;
}

}  // namespace credsvc::testing
