// Internal: conversions between C++ values and statement parameters/fields.
// Timestamps cross the wire as integer microseconds since the epoch
// (credsvc_ts()/credsvc_us() in migration 001): exact, and independent of
// the session's TimeZone and DateStyle.
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/binarystring>
#include <pqxx/field>
#include <string>

#include "db/records.hpp"

namespace credsvc::db::detail {

std::int64_t to_micros(TimePoint t);
TimePoint from_micros(std::int64_t micros);

// A bytea parameter, sent in binary format. `bytes` must not be empty.
pqxx::binarystring bytea_param(const Bytes& bytes);

TimePoint time_field(const pqxx::field& f);
Bytes bytea_field(const pqxx::field& f);
std::optional<Bytes> optional_bytea_field(const pqxx::field& f);
std::optional<std::string> optional_text_field(const pqxx::field& f);

// ASCII lower case: domain names compare case-insensitively (RFC 3261 §19.1.4).
std::string lower_ascii(std::string text);
// "user@Example.COM" -> "user@example.com": the user part is case-sensitive.
std::string canonical_aor(const std::string& aor);
// The part of a canonical AOR after its '@'; empty when there is none.
std::string aor_domain(const std::string& aor);

}  // namespace credsvc::db::detail
