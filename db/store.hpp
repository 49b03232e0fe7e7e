// The asynchronous store: credsvc's only way to its PostgreSQL database.
//
// Every operation runs in its own transaction on a worker thread of the
// connection pool (db/connection_pool.hpp), never on the caller's thread, and
// completes through an Asio completion token on the handler's associated
// executor. The completion signature is
//     void(std::exception_ptr, R)   (void(std::exception_ptr) when R is void)
// so all of these work:
//     Credential c = co_await store.async_put_credential(cred, actor, std::nullopt, asio::use_awaitable);
//     store.async_get_user(aor, asio::bind_executor(strand, [](std::exception_ptr e, std::optional<User> u) {...}));
//     auto domains = store.async_list_domains(asio::use_future).get();
// Errors are db:: exceptions (db/errors.hpp): Unavailable (map to SIP 503),
// NotFound, Conflict, PreconditionFailed, KeyRevoked, InvalidArgument.
// A handler without an associated executor runs on the pool's worker thread
// and must not block. Handlers must not throw. Destroy the Store before the
// execution contexts (io_context, strands) its handlers use: its destructor
// joins the workers, after which nothing touches those executors.
//
// An operation whose connection broke before COMMIT is run once more on a new
// connection, so functions given to async_run must have no effects outside
// their transaction.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <pqxx/connection_base>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "db/audit_log.hpp"
#include "db/change_listener.hpp"
#include "db/connection_pool.hpp"
#include "db/credential_table.hpp"
#include "db/domain_table.hpp"
#include "db/errors.hpp"
#include "db/live_query.hpp"
#include "db/records.hpp"
#include "db/store_options.hpp"
#include "db/token_table.hpp"
#include "db/user_table.hpp"

namespace credsvc::db {

namespace detail {

template <typename R>
struct completion_of {
  using signature = void(std::exception_ptr, R);
};
template <>
struct completion_of<void> {
  using signature = void(std::exception_ptr);
};

// Runs Fn on a pool connection and completes Handler with its outcome.
template <typename R, typename Fn, typename Handler>
class ConnectionJob final : public PoolJob {
 public:
  ConnectionJob(Fn fn, Handler handler)
      : fn_(std::move(fn)), handler_(std::move(handler)), work_(boost::asio::make_work_guard(handler_)) {}

  void execute(pqxx::connection_base& conn) override {
    if constexpr (std::is_void_v<R>) {
      fn_(conn);
    } else {
      result_.reset();
      result_.emplace(fn_(conn));
    }
  }

  void complete(std::exception_ptr error, Delivery delivery) noexcept override {
    // Two claims of outstanding work keep the handler's context running
    // (io_context::run() from returning) until both this thread is done
    // handing the completion over and the handler has run there.
    {
      auto executor = work_.get_executor();
      auto finish = [handler = std::move(handler_), error, result = std::move(result_),
                     work = work_]() mutable {
        if constexpr (std::is_void_v<R>) {
          std::move(handler)(error);
        } else {
          std::move(handler)(error, result ? std::move(*result) : R{});
        }
        work.reset();
      };
      if (delivery == Delivery::dispatch) {
        boost::asio::dispatch(executor, std::move(finish));
      } else {
        boost::asio::post(executor, std::move(finish));
      }
    }
    work_.reset();
  }

 private:
  struct Empty {};
  Fn fn_;
  Handler handler_;
  boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler>> work_;
  std::conditional_t<std::is_void_v<R>, Empty, std::optional<R>> result_;
};

}  // namespace detail

class Store {
 public:
  // Starts the pool; connections are made in the background, so this never
  // blocks or fails for an unreachable database (operations then fail with
  // Unavailable). Does not apply migrations: call apply_migrations first.
  explicit Store(StoreOptions options);
  // Fails queued operations with Unavailable and waits for running ones.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // This store's origin in change notifications (ChangeEvent::origin).
  const std::string& instance_id() const noexcept { return instance_id_; }
  const StoreOptions& options() const noexcept { return options_; }
  // Options for a ChangeListener on the same database.
  ListenerOptions listener_options() const;

  // Runs fn(pqxx::work&) in one transaction on the pool and completes with
  // its result after COMMIT (fn must not commit or abort itself).
  template <typename Fn, typename CompletionToken>
  auto async_run(Fn fn, CompletionToken&& token) {
    using R = std::invoke_result_t<Fn&, pqxx::work&>;
    static_assert(std::is_void_v<R> || std::is_default_constructible_v<R>,
                  "async_run: the result type must be default-constructible");
    auto in_transaction = [f = std::move(fn)](pqxx::connection_base& conn) mutable -> R {
      pqxx::work tx(conn);
      if constexpr (std::is_void_v<R>) {
        f(tx);
        tx.commit();
      } else {
        R value = f(tx);
        tx.commit();
        return value;
      }
    };
    return async_on_connection(std::move(in_transaction), std::forward<CompletionToken>(token));
  }

  // Runs fn(pqxx::nontransaction&): no BEGIN and no COMMIT, so a read of
  // one statement (atomic by itself) costs one round trip instead of three.
  // The hot uncached reads (a certificate, a user's HA1) use it.
  template <typename Fn, typename CompletionToken>
  auto async_read(Fn fn, CompletionToken&& token) {
    using R = std::invoke_result_t<Fn&, pqxx::nontransaction&>;
    auto autocommit = [f = std::move(fn)](pqxx::connection_base& conn) mutable -> R {
      pqxx::nontransaction tx(conn);
      return f(tx);
    };
    return async_on_connection(std::move(autocommit), std::forward<CompletionToken>(token));
  }

  // Runs fn(pqxx::connection_base&) on a pool connection with no transaction
  // open (LISTEN and waiting for notifications, db/live_query.hpp).
  template <typename Fn, typename CompletionToken>
  auto async_on_connection(Fn fn, CompletionToken&& token) {
    using R = std::invoke_result_t<Fn&, pqxx::connection_base&>;
    static_assert(std::is_void_v<R> || std::is_default_constructible_v<R>,
                  "async_on_connection: the result type must be default-constructible");
    return boost::asio::async_initiate<CompletionToken, typename detail::completion_of<R>::signature>(
        [this](auto handler, auto f) {
          using Handler = decltype(handler);
          submit(std::make_unique<detail::ConnectionJob<R, decltype(f), Handler>>(std::move(f), std::move(handler)));
        },
        token, std::move(fn));
  }

  // Live subscriber counts of `aor` from every running instance, waiting at
  // most `wait` for their answers (db/live_query.hpp).
  template <typename Token>
  auto async_live_subscribers(std::string aor, std::chrono::milliseconds wait, Token&& token) {
    return async_on_connection(
        [aor = std::move(aor), wait](pqxx::connection_base& conn) { return ask_live_subscribers(conn, aor, wait); },
        std::forward<Token>(token));
  }

  // Blocking form for callers without an io_context (the CLI): waits for the
  // result and throws the operation's exception.
  template <typename Fn>
  auto run_sync(Fn fn) {
    return async_run(std::move(fn), boost::asio::use_future).get();
  }

  // ---- domains (db/domain_table.hpp) ----
  template <typename Token>
  auto async_add_domain(Domain domain, std::string actor, Token&& token) {
    return async_run([d = std::move(domain), a = std::move(actor)](pqxx::work& tx) { return add_domain(tx, d, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_get_domain(std::string name, Token&& token) {
    return async_run([n = std::move(name)](pqxx::work& tx) { return get_domain(tx, n); }, std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_domains(Token&& token) {
    return async_run([](pqxx::work& tx) { return list_domains(tx); }, std::forward<Token>(token));
  }
  template <typename Token>
  auto async_update_domain_certs(std::string name, DomainCertUpdate update, std::string actor, Token&& token) {
    return async_run([n = std::move(name), u = std::move(update), a = std::move(actor)](
                         pqxx::work& tx) { return update_domain_certs(tx, n, u, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_remove_domain(std::string name, bool force, std::string actor, Token&& token) {
    return async_run([n = std::move(name), force, a = std::move(actor)](
                         pqxx::work& tx) { remove_domain(tx, n, force, a); },
                     std::forward<Token>(token));
  }

  // ---- users (db/user_table.hpp) ----
  template <typename Token>
  auto async_add_user(User user, std::string actor, Token&& token) {
    return async_run([u = std::move(user), a = std::move(actor)](pqxx::work& tx) { return add_user(tx, u, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_get_user(std::string aor, Token&& token) {
    return async_read([aor = std::move(aor)](pqxx::nontransaction& tx) { return get_user(tx, aor); },
                      std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_users(std::optional<std::string> domain, Token&& token) {
    return async_run([d = std::move(domain)](pqxx::work& tx) { return list_users(tx, d); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_set_password_hashes(std::string aor, DigestHa1 ha1, std::string actor, Token&& token) {
    return async_run([aor = std::move(aor), h = std::move(ha1), a = std::move(actor)](
                         pqxx::work& tx) { set_password_hashes(tx, aor, h, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_set_user_enabled(std::string aor, bool enabled, std::string actor, Token&& token) {
    return async_run([aor = std::move(aor), enabled, a = std::move(actor)](
                         pqxx::work& tx) { set_user_enabled(tx, aor, enabled, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_remove_user(std::string aor, std::string actor, Token&& token) {
    return async_run([aor = std::move(aor), a = std::move(actor)](pqxx::work& tx) { remove_user(tx, aor, a); },
                     std::forward<Token>(token));
  }

  // ---- credentials (db/credential_table.hpp) ----
  template <typename Token>
  auto async_get_credential(std::string aor, Token&& token) {
    return async_read([aor = std::move(aor)](pqxx::nontransaction& tx) { return get_credential(tx, aor); },
                      std::forward<Token>(token));
  }
  // Completes only after COMMIT: the caller may then answer 200 (RFC 3903).
  template <typename Token>
  auto async_put_credential(Credential credential, std::string actor, std::optional<std::string> if_match,
                            Token&& token) {
    return async_run([c = std::move(credential), a = std::move(actor), m = std::move(if_match)](
                         pqxx::work& tx) { return put_credential(tx, c, a, m); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_refresh_publication(std::string aor, std::string if_match, std::string new_etag, TimePoint new_expires,
                                 std::string actor, Token&& token) {
    return async_run([aor = std::move(aor), m = std::move(if_match), e = std::move(new_etag), new_expires,
                      a = std::move(actor)](pqxx::work& tx) { return refresh_publication(tx, aor, m, e, new_expires, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_revoke_credential(std::string aor, std::string reason, std::string actor, Token&& token) {
    return async_run([aor = std::move(aor), r = std::move(reason), a = std::move(actor)](
                         pqxx::work& tx) { return revoke_credential(tx, aor, r, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_is_key_revoked(std::string spki_sha256, Token&& token) {
    return async_run([s = std::move(spki_sha256)](pqxx::work& tx) { return is_key_revoked(tx, s); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_revoked_keys(std::optional<std::string> aor, Token&& token) {
    return async_run([aor = std::move(aor)](pqxx::work& tx) { return list_revoked_keys(tx, aor); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_credentials(std::optional<std::string> domain, std::size_t limit, Token&& token) {
    return async_run([d = std::move(domain), limit](pqxx::work& tx) { return list_credentials(tx, d, limit); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_expire_publications(TimePoint now, Token&& token) {
    return async_run([now](pqxx::work& tx) { return expire_publications(tx, now); }, std::forward<Token>(token));
  }

  // ---- audit (db/audit_log.hpp) ----
  template <typename Token>
  auto async_append_audit(AuditEntry entry, Token&& token) {
    return async_run([e = std::move(entry)](pqxx::work& tx) { return append_audit(tx, e); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_audit(std::optional<std::string> aor, std::optional<TimePoint> since, std::size_t limit,
                        Token&& token) {
    return async_run([aor = std::move(aor), since, limit](pqxx::work& tx) { return list_audit(tx, aor, since, limit); },
                     std::forward<Token>(token));
  }

  // ---- API tokens (db/token_table.hpp) ----
  // The token text in the result is shown once and stored nowhere.
  template <typename Token>
  auto async_create_api_token(std::string name, std::string scope, std::string actor, Token&& token) {
    return async_run([n = std::move(name), s = std::move(scope), a = std::move(actor)](
                         pqxx::work& tx) { return create_api_token(tx, n, s, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_revoke_api_token(std::string id, std::string actor, Token&& token) {
    return async_run([id = std::move(id), a = std::move(actor)](pqxx::work& tx) { return revoke_api_token(tx, id, a); },
                     std::forward<Token>(token));
  }
  template <typename Token>
  auto async_list_api_tokens(Token&& token) {
    return async_run([](pqxx::work& tx) { return list_api_tokens(tx); }, std::forward<Token>(token));
  }
  template <typename Token>
  auto async_verify_api_token(std::string token_text, Token&& token) {
    return async_run([t = std::move(token_text)](pqxx::work& tx) { return verify_api_token(tx, t); },
                     std::forward<Token>(token));
  }

 private:
  void submit(std::unique_ptr<PoolJob> job);

  StoreOptions options_;
  std::string instance_id_;
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace credsvc::db
