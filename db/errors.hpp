// Exceptions of the store. Messages are one line and never contain key
// material, password hashes or SQL detail lines (which may quote row values).
#pragma once

#include <stdexcept>

namespace credsvc::db {

// Base of every store failure.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database cannot be reached, the connection broke, or the store is
// saturated or shutting down. Callers answer SIP 503 with Retry-After.
class Unavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

// The row the operation acts on does not exist (e.g. put for an unknown user).
class NotFound : public StoreError {
 public:
  using StoreError::StoreError;
};

// The row exists already, or is still referenced (e.g. a domain with users).
class Conflict : public StoreError {
 public:
  using StoreError::StoreError;
};

// A conditional write found another version than expected (RFC 3903 §4.4: 412).
class PreconditionFailed : public StoreError {
 public:
  using StoreError::StoreError;
};

// The key being published is in revoked_keys and can never be published again.
class KeyRevoked : public StoreError {
 public:
  using StoreError::StoreError;
};

// A value the schema rejects (CHECK constraint, malformed input).
class InvalidArgument : public StoreError {
 public:
  using StoreError::StoreError;
};

// The schema in the database is newer than this binary, or a migration failed.
class MigrationError : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace credsvc::db
