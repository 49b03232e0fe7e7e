#include "events/publication_expiry.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/bind_executor.hpp>

namespace credsvc::events {

void PublicationExpiry::start() { arm(); }

void PublicationExpiry::stop() {
  boost::asio::post(timer_.get_executor(), [self = shared_from_this()] {
    self->stopped_ = true;
    self->timer_.cancel();
  });
}

void PublicationExpiry::arm() {
  timer_.expires_after(interval_);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec && !self->stopped_) self->sweep();
  });
}

void PublicationExpiry::sweep() {
  store_.async_expire_publications(
      std::chrono::system_clock::now(),
      boost::asio::bind_executor(timer_.get_executor(), [self = shared_from_this()](std::exception_ptr error,
                                                                                    std::vector<std::string> aors) {
        if (error) {
          spdlog::debug("publication expiry sweep failed; retrying later");
        } else {
          for (const auto& aor : aors) {
            spdlog::info("publication of {} expired: credential removed", aor);
            self->fanout_->credential_changed(aor);
          }
        }
        if (!self->stopped_) self->arm();
      }));
}

}  // namespace credsvc::events
