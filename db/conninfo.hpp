// Connection-string handling shared by the pool, the listener and migrations.
#pragma once

#include <chrono>
#include <string>

namespace credsvc::db {

// `conninfo` (key=value form or a postgresql:// URI) with connect_timeout set
// to `timeout` (whole seconds, at least 1) unless it already names one.
std::string with_connect_timeout(const std::string& conninfo, std::chrono::seconds timeout);

}  // namespace credsvc::db
