#include <future>

#include "db/embedded_migrations.hpp"
#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

std::vector<std::string> embedded_names() {
  std::vector<std::string> names;
  for (const auto& m : embedded_migrations()) names.emplace_back(m.name);
  return names;
}

TEST(DbMigrationsEmbedded, AscendingVersionsMatchFileNames) {
  const auto migrations = embedded_migrations();
  ASSERT_GE(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].version, 1);
  EXPECT_EQ(migrations[0].name, "001_initial");
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(migrations[i - 1].version, migrations[i].version);
    }
    EXPECT_EQ(std::stoi(std::string(migrations[i].name.substr(0, 3))), migrations[i].version);
    EXPECT_NE(migrations[i].sql.find("CREATE"), std::string_view::npos);
  }
  EXPECT_EQ(latest_schema_version(), migrations.back().version);
}

TEST(DbMigrations, FreshDatabaseGetsAllAndRecordsThem) {
  const auto conninfo = credsvc::testing::fresh_database();
  const auto applied = apply_migrations(conninfo);
  EXPECT_EQ(applied, embedded_names());

  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  const auto rows = tx.exec("SELECT version, name, applied_at <= now() FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.size(), embedded_migrations().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0].as<int>(), embedded_migrations()[i].version);
    EXPECT_EQ(rows[i][1].as<std::string>(), embedded_migrations()[i].name);
    EXPECT_TRUE(rows[i][2].as<bool>());
  }
  for (const char* table : {"domains", "users", "credentials", "revoked_keys", "audit"}) {
    EXPECT_EQ(tx.exec_params1("SELECT count(*) FROM pg_tables WHERE tablename = $1", table)[0].as<int>(), 1)
        << table;
  }
}

TEST(DbMigrations, SecondRunAppliesNothing) {
  const auto conninfo = credsvc::testing::fresh_database();
  ASSERT_FALSE(apply_migrations(conninfo).empty());
  EXPECT_TRUE(apply_migrations(conninfo).empty());
  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<std::size_t>(), embedded_migrations().size());
}

TEST(DbMigrations, ConcurrentStartersBothSucceedAndApplyOnce) {
  const auto conninfo = credsvc::testing::fresh_database();
  std::promise<void> go;
  auto start = go.get_future().share();
  auto run = [&] {
    start.wait();
    return apply_migrations(conninfo);
  };
  auto a = std::async(std::launch::async, run);
  auto b = std::async(std::launch::async, run);
  go.set_value();
  const auto ra = a.get();  // neither may throw
  const auto rb = b.get();
  // One of them did all the work, the other found nothing left to do.
  EXPECT_TRUE((ra == embedded_names() && rb.empty()) || (rb == embedded_names() && ra.empty()));
  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<std::size_t>(), embedded_migrations().size());
}

TEST(DbMigrations, DatabaseNewerThanBinaryIsRefused) {
  const auto conninfo = credsvc::testing::fresh_database();
  apply_migrations(conninfo);
  {
    pqxx::connection conn(conninfo);
    pqxx::work tx(conn);
    tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')", latest_schema_version() + 1);
    tx.commit();
  }
  try {
    apply_migrations(conninfo);
    FAIL() << "expected MigrationError";
  } catch (const MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(latest_schema_version() + 1)), std::string::npos) << e.what();
  }
}

TEST(DbMigrations, FailedMigrationLeavesNoTrace) {
  // A table in the way makes 001 fail half-way: nothing of it may remain.
  const auto conninfo = credsvc::testing::fresh_database();
  {
    pqxx::connection conn(conninfo);
    pqxx::work tx(conn);
    tx.exec("CREATE TABLE users (x int)");
    tx.commit();
  }
  EXPECT_THROW(apply_migrations(conninfo), MigrationError);
  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM pg_tables WHERE tablename IN ('domains', 'schema_migrations')")[0].as<int>(),
            0);
}

TEST(DbMigrations, UnreachableDatabaseIsUnavailable) {
  EXPECT_THROW(apply_migrations("host=/nonexistent/credsvc-socket dbname=x user=credsvc"), Unavailable);
}

}  // namespace
}  // namespace credsvc::db::test
