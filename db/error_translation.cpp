#include "db/error_translation.hpp"

#include <pqxx/except>

#include "db/errors.hpp"

namespace credsvc::db {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
  return std::string_view(s).substr(0, prefix.size()) == prefix;
}

// SQLSTATE classes that mean the session is gone (PostgreSQL appendix A):
// 08 connection exception, 57P01-57P03 server shutting down / starting up.
bool is_connection_sqlstate(const std::string& state) {
  return starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03";
}

}  // namespace

std::string first_line(std::string_view message) {
  for (std::string_view tag : {"ERROR:", "FATAL:", "PANIC:"}) {
    if (message.substr(0, tag.size()) == tag) {
      message.remove_prefix(tag.size());
      break;
    }
  }
  while (!message.empty() && (message.front() == ' ' || message.front() == '\t')) message.remove_prefix(1);
  const auto end = message.find_first_of("\r\n");
  if (end != std::string_view::npos) message = message.substr(0, end);
  return std::string(message);
}

FailureClass classify_failure(std::exception_ptr error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const pqxx::in_doubt_error&) {
    return FailureClass::commit_in_doubt;
  } catch (const pqxx::statement_completion_unknown&) {
    return FailureClass::commit_in_doubt;
  } catch (const pqxx::broken_connection&) {
    return FailureClass::connection_lost;
  } catch (const pqxx::transaction_rollback&) {
    return FailureClass::retryable;
  } catch (const pqxx::sql_error& e) {
    return is_connection_sqlstate(e.sqlstate()) ? FailureClass::connection_lost : FailureClass::final;
  } catch (...) {
    return FailureClass::final;
  }
}

std::exception_ptr to_store_error(std::exception_ptr error) noexcept {
  try {
    try {
      std::rethrow_exception(error);
    } catch (const StoreError&) {
      return error;
    } catch (const pqxx::in_doubt_error&) {
      throw Unavailable("database: connection lost during COMMIT, outcome unknown");
    } catch (const pqxx::statement_completion_unknown&) {
      throw Unavailable("database: connection lost during COMMIT, outcome unknown");
    } catch (const pqxx::broken_connection& e) {
      throw Unavailable("database unavailable: " + first_line(e.what()));
    } catch (const pqxx::transaction_rollback& e) {
      throw Unavailable("database: transaction aborted, retry later (" + first_line(e.what()) + ")");
    } catch (const pqxx::unique_violation& e) {
      throw Conflict("database: " + first_line(e.what()));
    } catch (const pqxx::foreign_key_violation& e) {
      throw Conflict("database: " + first_line(e.what()));
    } catch (const pqxx::check_violation& e) {
      throw InvalidArgument("database: " + first_line(e.what()));
    } catch (const pqxx::not_null_violation& e) {
      throw InvalidArgument("database: " + first_line(e.what()));
    } catch (const pqxx::data_exception& e) {
      throw InvalidArgument("database: " + first_line(e.what()));
    } catch (const pqxx::insufficient_resources& e) {
      throw Unavailable("database: " + first_line(e.what()));
    } catch (const pqxx::sql_error& e) {
      if (is_connection_sqlstate(e.sqlstate())) {
        throw Unavailable("database unavailable: " + first_line(e.what()));
      }
      throw StoreError("database: " + first_line(e.what()));
    } catch (const pqxx::pqxx_exception& e) {
      throw StoreError("database: " + first_line(e.base().what()));
    }
    // The caller's own exception types (from async_run) pass unchanged.
  } catch (...) {
    return std::current_exception();
  }
  return error;
}

}  // namespace credsvc::db
