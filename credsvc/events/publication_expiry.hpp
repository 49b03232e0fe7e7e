// Publications that lapse (RFC 3903 §4.5, RFC 6072 §8.9) are removed by a
// periodic sweep; the deletion reaches subscribers like any other change.
// Several instances may sweep the same database: a DELETE is idempotent.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "db/store.hpp"
#include "events/change_fanout.hpp"

namespace credsvc::events {

class PublicationExpiry : public std::enable_shared_from_this<PublicationExpiry> {
 public:
  PublicationExpiry(boost::asio::any_io_executor executor, db::Store& store, std::shared_ptr<ChangeFanout> fanout,
                    std::chrono::milliseconds interval)
      : timer_(executor), store_(store), fanout_(std::move(fanout)), interval_(interval) {}
  void start();
  void stop();

 private:
  void arm();
  void sweep();

  boost::asio::steady_timer timer_;
  db::Store& store_;
  std::shared_ptr<ChangeFanout> fanout_;
  std::chrono::milliseconds interval_;
  bool stopped_ = false;
};

}  // namespace credsvc::events
