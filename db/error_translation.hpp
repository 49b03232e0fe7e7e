// Mapping of libpqxx failures onto the store's exceptions (db/errors.hpp).
#pragma once

#include <exception>
#include <string>
#include <string_view>

namespace credsvc::db {

// How the pool should react to a job's failure.
enum class FailureClass {
  connection_lost,  // before COMMIT: drop the connection, the job may run again
  retryable,        // serialization failure or deadlock: the job may run again
  commit_in_doubt,  // connection lost during COMMIT: drop it, never rerun
  final,            // anything else: deliver as is
};

FailureClass classify_failure(std::exception_ptr error) noexcept;

// The exception a caller receives for `error`: store exceptions and the
// caller's own exceptions pass unchanged, libpqxx ones become db:: types
// with a one-line message (SQL DETAIL lines, which can quote row values such
// as password hashes, are dropped).
std::exception_ptr to_store_error(std::exception_ptr error) noexcept;

// First line of a libpq message, without its "ERROR:  " / "FATAL:  " tag.
std::string first_line(std::string_view message);

}  // namespace credsvc::db
