#include "loadgen/wakeup.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace credsvc::loadgen {
namespace asio = boost::asio;

asio::awaitable<void> Wakeup::wait(Clock::time_point deadline) {
  if (!fired_) {
    timer_.expires_at(deadline);
    boost::system::error_code ec;  // operation_aborted: notified
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  fired_ = false;
}

void Wakeup::notify() noexcept {
  fired_ = true;
  timer_.cancel();
}

}  // namespace credsvc::loadgen
