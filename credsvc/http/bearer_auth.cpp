#include "http/bearer_auth.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <cctype>

#include "db/api_token.hpp"
#include "db/store.hpp"

namespace credsvc::http {

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size() || authorization[kScheme.size()] != ' ') return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  // RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
  std::size_t i = 0;
  for (; i < token.size(); ++i) {
    const char c = token[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
          c == '/')) {
      break;
    }
  }
  if (i == 0) return std::nullopt;
  for (; i < token.size(); ++i) {
    if (token[i] != '=') return std::nullopt;
  }
  return token;
}

BearerAuthenticator::BearerAuthenticator(db::Store& store, std::chrono::milliseconds cache_lifetime,
                                         std::size_t cache_entries)
    : store_(store), lifetime_(cache_lifetime), max_entries_(cache_entries) {}

std::optional<BearerAuthenticator::Cached> BearerAuthenticator::cached(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(key);
  if (it == cache_.end()) return std::nullopt;
  if (it->second.until <= std::chrono::steady_clock::now()) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void BearerAuthenticator::remember(const std::string& key, Cached entry) {
  if (lifetime_.count() <= 0 || max_entries_ == 0) return;
  std::lock_guard lock(mutex_);
  if (cache_.size() >= max_entries_) {
    // Drop the expired entries; if that is not enough, start afresh (a
    // cache miss only costs a database query).
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(cache_, [now](const auto& kv) { return kv.second.until <= now; });
    if (cache_.size() >= max_entries_) cache_.clear();
  }
  cache_[key] = std::move(entry);
}

boost::asio::awaitable<BearerCheck> BearerAuthenticator::check(std::string authorization, std::string scope) {
  BearerCheck result;
  const auto token = bearer_token(authorization);
  if (!token || !db::parse_api_token(*token)) {
    result.outcome = BearerCheck::Outcome::malformed;
    co_return result;
  }
  const std::string key = db::api_token_secret_sha256(*token);
  auto found = cached(key);
  if (!found) {
    std::string text(*token);
    const auto row = co_await store_.async_verify_api_token(std::move(text), boost::asio::use_awaitable);
    if (!row) {
      result.outcome = BearerCheck::Outcome::unknown;
      co_return result;
    }
    found = Cached{row->id, row->scope, std::chrono::steady_clock::now() + lifetime_};
    remember(key, *found);
  }
  result.token_id = found->token_id;
  result.scope = found->scope;
  result.outcome = (found->scope == scope || found->scope == "admin") ? BearerCheck::Outcome::accepted
                                                                       : BearerCheck::Outcome::wrong_scope;
  co_return result;
}

}  // namespace credsvc::http
