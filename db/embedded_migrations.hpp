// The SQL migrations compiled into the binary (generated from db/migrations/
// by db/embed_migrations.cmake), in ascending version order.
#pragma once

#include <span>
#include <string_view>

namespace credsvc::db {

struct EmbeddedMigration {
  int version;             // NNN of NNN_name.sql
  std::string_view name;   // "NNN_name"
  std::string_view sql;    // the file's text, run as one multi-statement batch
};

std::span<const EmbeddedMigration> embedded_migrations();

}  // namespace credsvc::db
