// Bearer-token authentication (RFC 6750) of the HTTPS APIs against the API
// tokens in the store (db/token_table.hpp). The check runs in the store's
// worker pool, never on an I/O thread; tokens found valid are remembered for
// a few seconds (a revocation takes effect within that time) under their
// SHA-256, so the token text is kept nowhere. Tokens never reach the logs.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace credsvc::db {
class Store;
}

namespace credsvc::http {

// The token of an "Authorization: Bearer <token>" value (scheme matched
// without regard to case, RFC 6750 §2.1 token68 syntax); nullopt otherwise.
std::optional<std::string_view> bearer_token(std::string_view authorization);

struct BearerCheck {
  enum class Outcome { accepted, malformed, unknown, wrong_scope } outcome = Outcome::unknown;
  std::string token_id;  // when the token was found: its public id, for logs
  std::string scope;
};

class BearerAuthenticator {
 public:
  // `store` must outlive the authenticator and every check in progress.
  explicit BearerAuthenticator(db::Store& store, std::chrono::milliseconds cache_lifetime = std::chrono::seconds(2),
                               std::size_t cache_entries = 1024);

  // `authorization` is the header's value. A token is accepted when it is
  // valid and its scope is `scope` or "admin". Store failures propagate
  // (db::Unavailable and the rest). Runs on the caller's executor.
  boost::asio::awaitable<BearerCheck> check(std::string authorization, std::string scope);

 private:
  struct Cached {
    std::string token_id;
    std::string scope;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<Cached> cached(const std::string& key);
  void remember(const std::string& key, Cached entry);

  db::Store& store_;
  std::chrono::milliseconds lifetime_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;  // SHA-256 of the token text -> what it was found to be
};

}  // namespace credsvc::http
