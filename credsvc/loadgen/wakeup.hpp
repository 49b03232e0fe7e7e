// A one-waiter event for the generator's coroutines: wait() returns at the
// next notify() or at a deadline, whichever comes first; a notify() with
// nobody waiting is kept for the next wait(). Single-threaded.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "loadgen/run_schedule.hpp"

namespace credsvc::loadgen {

class Wakeup {
 public:
  explicit Wakeup(const boost::asio::any_io_executor& executor) : timer_(executor) {}

  boost::asio::awaitable<void> wait(Clock::time_point deadline);
  void notify() noexcept;

 private:
  boost::asio::steady_timer timer_;
  bool fired_ = false;
};

}  // namespace credsvc::loadgen
