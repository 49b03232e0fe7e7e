// API tokens through the asynchronous store: created with only the secret's
// digest stored, verified, listed without secrets, revoked; audit rows for
// every change.
#include <boost/asio/use_future.hpp>

#include "db/api_token.hpp"
#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;

class DbApiTokens : public DbTest {};

TEST_F(DbApiTokens, CreateStoresOnlyTheDigestAndVerifies) {
  Store store(store_options());
  const auto before = micros_now();
  const auto created = store.async_create_api_token("sbc-1", "stir", "admin:test", use_future).get();
  const auto parts = parse_api_token(created.text);
  ASSERT_TRUE(parts) << "not a token: " << created.text.substr(0, 4);
  EXPECT_EQ(parts->id, created.token.id);
  EXPECT_EQ(created.token.name, "sbc-1");
  EXPECT_EQ(created.token.scope, "stir");
  EXPECT_EQ(created.token.created_by, "admin:test");
  EXPECT_GE(created.token.created_at, before - 1s);
  EXPECT_FALSE(created.token.revoked_at);

  // The database holds SHA-256(secret), never the secret or the token.
  pqxx::connection conn(conninfo_);
  pqxx::work tx(conn);
  const auto row = tx.exec_params1("SELECT secret_sha256 FROM api_tokens WHERE id = $1", parts->id);
  EXPECT_EQ(row[0].as<std::string>(), api_token_secret_sha256(parts->secret));
  EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM api_tokens WHERE secret_sha256 LIKE '%' || $1 || '%'",
                            parts->secret)[0]
                .as<int>(),
            0);
  EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM audit WHERE detail::text LIKE '%' || $1 || '%'", parts->secret)[0]
                .as<int>(),
            0);
  tx.commit();

  const auto verified = store.async_verify_api_token(created.text, use_future).get();
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->id, created.token.id);
  EXPECT_EQ(verified->scope, "stir");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'token.create' AND actor = 'admin:test' AND "
                  "detail->>'scope' = 'stir' AND detail->>'name' = 'sbc-1'"),
            1);
}

TEST_F(DbApiTokens, WrongSecretsAndUnknownIdsDoNotVerify) {
  Store store(store_options());
  const auto created = store.async_create_api_token("sbc", "admin", "t", use_future).get();
  auto parts = *parse_api_token(created.text);
  // Same id, another secret of the right form.
  auto wrong = parts;
  wrong.secret[0] = wrong.secret[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(store.async_verify_api_token(format_api_token(wrong), use_future).get());
  // Another id with the right secret.
  auto other_id = parts;
  other_id.id[0] = other_id.id[0] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(store.async_verify_api_token(format_api_token(other_id), use_future).get());
  EXPECT_FALSE(store.async_verify_api_token("", use_future).get());
  EXPECT_FALSE(store.async_verify_api_token("csv_" + parts.id + "_short", use_future).get());
  EXPECT_TRUE(store.async_verify_api_token(created.text, use_future).get());
}

TEST_F(DbApiTokens, RevokedTokensNoLongerVerify) {
  Store store(store_options());
  const auto a = store.async_create_api_token("a", "stir", "t", use_future).get();
  const auto b = store.async_create_api_token("b", "stir", "t", use_future).get();
  const auto revoked = store.async_revoke_api_token(a.token.id, "admin:revoker", use_future).get();
  EXPECT_EQ(revoked.id, a.token.id);
  ASSERT_TRUE(revoked.revoked_at);
  EXPECT_FALSE(store.async_verify_api_token(a.text, use_future).get());
  EXPECT_TRUE(store.async_verify_api_token(b.text, use_future).get());
  EXPECT_THROW(store.async_revoke_api_token(a.token.id, "t", use_future).get(), Conflict);
  EXPECT_THROW(store.async_revoke_api_token("nosuchtoken1", "t", use_future).get(), NotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'token.revoke' AND actor = 'admin:revoker'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'token.revoke'"), 1);
}

TEST_F(DbApiTokens, ListShowsEveryTokenWithoutSecrets) {
  Store store(store_options());
  const auto a = store.async_create_api_token("first", "stir", "t", use_future).get();
  const auto b = store.async_create_api_token("second", "admin", "t", use_future).get();
  store.async_revoke_api_token(a.token.id, "t", use_future).get();
  const auto all = store.async_list_api_tokens(use_future).get();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, a.token.id);
  EXPECT_EQ(all[0].name, "first");
  EXPECT_TRUE(all[0].revoked_at);
  EXPECT_EQ(all[1].id, b.token.id);
  EXPECT_EQ(all[1].scope, "admin");
  EXPECT_FALSE(all[1].revoked_at);
}

TEST_F(DbApiTokens, BadScopeOrNameWritesNothing) {
  Store store(store_options());
  EXPECT_THROW(store.async_create_api_token("x", "root", "t", use_future).get(), InvalidArgument);
  EXPECT_THROW(store.async_create_api_token("", "stir", "t", use_future).get(), InvalidArgument);
  EXPECT_EQ(count("SELECT count(*) FROM api_tokens"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit"), 0);
  // The schema refuses a bad scope even from SQL written by hand.
  pqxx::connection conn(conninfo_);
  pqxx::work tx(conn);
  EXPECT_THROW(tx.exec("INSERT INTO api_tokens (id, name, scope, secret_sha256, created_by) VALUES "
                       "('abcdefgh1234', 'n', 'root', repeat('a', 64), 't')"),
               pqxx::check_violation);
}

}  // namespace
}  // namespace credsvc::db::test
