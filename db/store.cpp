#include "db/store.hpp"

#include <cstdio>
#include <random>

namespace credsvc::db {
namespace {

std::string random_instance_id() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned> byte(0, 255);
  std::string id;
  for (int i = 0; i < 8; ++i) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", byte(rd));
    id += hex;
  }
  return id;
}

}  // namespace

Store::Store(StoreOptions options)
    : options_(std::move(options)),
      instance_id_(options_.instance_id.empty() ? random_instance_id() : options_.instance_id),
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
