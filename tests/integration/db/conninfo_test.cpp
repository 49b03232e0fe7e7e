// Connection strings and error messages: no database needed.
#include <gtest/gtest.h>

#include <pqxx/except>

#include "db/conninfo.hpp"
#include "db/error_translation.hpp"
#include "db/errors.hpp"

namespace credsvc::db {
namespace {

using namespace std::chrono_literals;

TEST(DbConninfo, AddsConnectTimeoutInEitherSyntax) {
  EXPECT_EQ(with_connect_timeout("host=/run/pg dbname=x", 5s), "host=/run/pg dbname=x connect_timeout=5");
  EXPECT_EQ(with_connect_timeout("", 3s), "connect_timeout=3");
  EXPECT_EQ(with_connect_timeout("postgresql://db.example/credsvc", 5s),
            "postgresql://db.example/credsvc?connect_timeout=5");
  EXPECT_EQ(with_connect_timeout("postgres://u@db.example/credsvc?sslmode=require", 7s),
            "postgres://u@db.example/credsvc?sslmode=require&connect_timeout=7");
  EXPECT_EQ(with_connect_timeout("host=h connect_timeout=30", 5s), "host=h connect_timeout=30");
  EXPECT_EQ(with_connect_timeout("host=h", 0s), "host=h connect_timeout=1");
}

TEST(DbErrorTranslation, KeepsOnlyTheFirstLineWithoutTag) {
  EXPECT_EQ(first_line("ERROR:  duplicate key value violates unique constraint \"users_pkey\"\n"
                       "DETAIL:  Key (aor)=(alice@example.com) already exists.\n"),
            "duplicate key value violates unique constraint \"users_pkey\"");
  EXPECT_EQ(first_line("FATAL:  terminating connection due to administrator command"),
            "terminating connection due to administrator command");
  EXPECT_EQ(first_line("server closed the connection unexpectedly\n\tThis probably means..."),
            "server closed the connection unexpectedly");
}

TEST(DbErrorTranslation, MapsLibpqxxFailuresToStoreErrors) {
  auto translated = [](auto e) { return to_store_error(std::make_exception_ptr(e)); };
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::broken_connection("gone"))), Unavailable);
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::in_doubt_error("?"))), Unavailable);
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::unique_violation("ERROR:  dup\nDETAIL:  secret", "", "23505"))),
               Conflict);
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::check_violation("ERROR:  check", "", "23514"))),
               InvalidArgument);
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::sql_error("FATAL:  shutting down", "", "57P01"))),
               Unavailable);
  EXPECT_THROW(std::rethrow_exception(translated(pqxx::syntax_error("ERROR:  syntax", "", "42601"))), StoreError);
  // The caller's own exceptions pass unchanged.
  EXPECT_THROW(std::rethrow_exception(translated(std::out_of_range("mine"))), std::out_of_range);
  try {
    std::rethrow_exception(translated(pqxx::unique_violation("ERROR:  dup\nDETAIL:  Key (x)=(secret)", "", "23505")));
  } catch (const Conflict& e) {
    EXPECT_EQ(std::string(e.what()), "database: dup");
  }

  EXPECT_EQ(classify_failure(std::make_exception_ptr(pqxx::broken_connection("x"))), FailureClass::connection_lost);
  EXPECT_EQ(classify_failure(std::make_exception_ptr(pqxx::in_doubt_error("x"))), FailureClass::commit_in_doubt);
  EXPECT_EQ(classify_failure(std::make_exception_ptr(pqxx::deadlock_detected("x"))), FailureClass::retryable);
  EXPECT_EQ(classify_failure(std::make_exception_ptr(pqxx::unique_violation("x"))), FailureClass::final);
  EXPECT_EQ(classify_failure(std::make_exception_ptr(std::runtime_error("x"))), FailureClass::final);
}

}  // namespace
}  // namespace credsvc::db
