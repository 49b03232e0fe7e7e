#include "db/store.hpp"

#include "db/random_id.hpp"

namespace credsvc::db {

Store::Store(StoreOptions options)
    : options_(std::move(options)),
      instance_id_(options_.instance_id.empty() ? random_hex(8) : options_.instance_id),
      pool_(std::make_unique<ConnectionPool>(options_, instance_id_)) {}

Store::~Store() { pool_->stop(); }

ListenerOptions Store::listener_options() const {
  ListenerOptions l;
  l.conninfo = options_.conninfo;
  l.connect_timeout = options_.connect_timeout;
  l.max_backoff = options_.max_backoff;
  return l;
}

void Store::submit(std::unique_ptr<PoolJob> job) { pool_->submit(std::move(job)); }

}  // namespace credsvc::db
