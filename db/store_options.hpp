// Tuning of the store's connection pool.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace credsvc::db {

struct StoreOptions {
  // libpq connection string: "host=/run/x dbname=credsvc" or postgresql://...
  std::string conninfo;
  // Worker threads, each owning one database connection.
  std::size_t pool_size = 4;
  // Added to conninfo as connect_timeout (libpq rounds values below 2 up to 2).
  std::chrono::seconds connect_timeout{5};
  // Reconnection backoff after a failed connect doubles from 100 ms up to this.
  std::chrono::milliseconds max_backoff{5000};
  // Jobs waiting beyond this are refused with Unavailable (back-pressure).
  std::size_t queue_limit = 10000;
  // Names this process in change notifications ("origin"); empty = random.
  std::string instance_id;
};

}  // namespace credsvc::db
