#include "http/certificate_fetcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <algorithm>
#include <map>
#include <mutex>
#include <variant>

#include "http/cache_control.hpp"
#include "http/certificate_body.hpp"
#include "http/certificate_cache.hpp"
#include "http/fetch_url.hpp"
#include "http/host_allow_list.hpp"
#include "http/https_get.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
using Clock = std::chrono::system_clock;

struct CertificateFetcher::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& i, FetcherOptions o)
      : io(i),
        options(std::move(o)),
        allow(options.allowed_hosts, options.allow_any_host),
        tls(transport::make_client_context(options.extra_trust_pem)),
        cache(options.cache_entries) {}

  void deliver(const Callback& callback, std::error_code ec, Chain chain) {
    asio::post(io, [callback, ec, chain = std::move(chain)] { callback(ec, chain); });
  }

  void complete(const std::string& key, HttpsGetResult result);

  asio::io_context& io;
  const FetcherOptions options;
  const HostAllowList allow;
  const std::shared_ptr<asio::ssl::context> tls;

  mutable std::mutex mutex;  // guards what follows
  CertificateCache cache;
  std::map<std::string, std::vector<Callback>> waiting;  // by URL key, fetches in flight
  Stats stats;
};

CertificateFetcher::CertificateFetcher(asio::io_context& io, FetcherOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

CertificateFetcher::~CertificateFetcher() = default;

void CertificateFetcher::fetch(const std::string& url, Callback callback) {
  auto parsed = parse_fetch_url(url);
  if (const auto* ec = std::get_if<std::error_code>(&parsed)) {
    impl_->deliver(callback, *ec, nullptr);
    return;
  }
  auto& target = std::get<FetchUrl>(parsed);
  if (!impl_->allow.allows(target.host)) {
    spdlog::debug("certificate fetch refused: host {} is not allowed", target.host);
    impl_->deliver(callback, FetchError::host_not_allowed, nullptr);
    return;
  }
  const std::string key = target.key;
  {
    std::lock_guard lock(impl_->mutex);
    if (auto hit = impl_->cache.get(key, Clock::now())) {
      ++impl_->stats.cache_hits;
      impl_->deliver(callback, {}, std::move(hit));
      return;
    }
    auto& waiters = impl_->waiting[key];
    waiters.push_back(std::move(callback));
    if (waiters.size() > 1) {
      ++impl_->stats.coalesced;
      return;
    }
    ++impl_->stats.requests;
  }
  HttpsGetLimits limits;
  limits.timeout = impl_->options.timeout;
  limits.max_response_size = impl_->options.max_response_size;
  std::string connect_address;
  if (const auto it = impl_->options.resolve.find(target.host + ":" + std::to_string(target.port));
      it != impl_->options.resolve.end()) {
    connect_address = it->second;
  }
  https_get(impl_->io, impl_->tls, std::move(target), std::move(connect_address), limits,
            [impl = impl_, key](HttpsGetResult result) { impl->complete(key, std::move(result)); });
}

void CertificateFetcher::Impl::complete(const std::string& key, HttpsGetResult result) {
  std::error_code ec = result.error;
  Chain chain;
  const auto now = Clock::now();
  auto expires = now + options.cache_lifetime;
  if (!ec && result.status != 200) ec = make_http_status_error(result.status);
  if (!ec) {
    try {
      chain = std::make_shared<const std::vector<certs::Certificate>>(
          parse_certificate_body(result.content_type, result.body));
    } catch (const std::exception& e) {
      spdlog::debug("certificate fetch {}: {}", key, e.what());
      ec = FetchError::bad_certificate;
    }
  }
  if (chain) {
    for (const auto& c : *chain) expires = std::min(expires, c.not_after());
    const auto directives = parse_cache_control(result.cache_control);
    if (directives.no_store || directives.no_cache) expires = now;
    if (directives.max_age) expires = std::min(expires, now + *directives.max_age);
  }
  std::vector<Callback> waiters;
  {
    std::lock_guard lock(mutex);
    if (chain) cache.put(key, chain, expires, now);
    if (const auto it = waiting.find(key); it != waiting.end()) {
      waiters = std::move(it->second);
      waiting.erase(it);
    }
  }
  if (ec) spdlog::debug("certificate fetch {} failed: {}", key, ec.message());
  for (const auto& w : waiters) deliver(w, ec, chain);
}

CertificateFetcher::Stats CertificateFetcher::stats() const {
  std::lock_guard lock(impl_->mutex);
  Stats s = impl_->stats;
  s.cached = impl_->cache.size();
  return s;
}

}  // namespace credsvc::http
