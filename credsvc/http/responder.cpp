#include "http/responder.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

#include "http/json_response.hpp"

namespace credsvc::http {

struct Responder::State {
  State(std::function<bool(Response)> d, std::function<bool()> a) : deliver(std::move(d)), answered(std::move(a)) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (deliver && !answered()) {
      spdlog::warn("HTTP handler finished without answering; sending 500");
      deliver(make_json_error(Status::internal_server_error, "internal_error", "the request was not answered"));
    }
  }

  // Takes the delivery function, once.
  std::function<bool(Response)> take() {
    std::lock_guard lock(mutex);
    return std::exchange(deliver, nullptr);
  }

  mutable std::mutex mutex;
  std::function<bool(Response)> deliver;
  const std::function<bool()> answered;
};

Responder Responder::make(std::function<bool(Response)> deliver, std::function<bool()> answered) {
  return Responder(std::make_shared<State>(std::move(deliver), std::move(answered)));
}

bool Responder::send(Response response) const {
  auto deliver = state_->take();
  if (!deliver) return false;
  return deliver(std::move(response));
}

bool Responder::send_error(Status status, std::string_view code, std::string_view message) const {
  return send(make_json_error(status, code, message));
}

bool Responder::answered() const {
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->deliver) return true;
  }
  return state_->answered();
}

}  // namespace credsvc::http
