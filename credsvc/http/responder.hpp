// How a handler answers: once, from any thread, now or later. Copies share
// one answer; when the last copy goes without an answer the client gets a 500,
// so a forgotten path in a handler cannot hang a connection.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "http/http_message.hpp"

namespace credsvc::http {

class Responder {
 public:
  // Thread-safe. The first answer wins; later ones are ignored (returns false).
  bool send(Response response) const;
  // A JSON error (see json_response.hpp).
  bool send_error(Status status, std::string_view code, std::string_view message) const;
  // True once an answer was given (by this or another copy, or a timeout).
  bool answered() const;

  // For the server: `deliver` is called at most once and says whether the
  // answer was taken (false when the server answered otherwise, e.g. on
  // timeout); `answered` says whether the server has an answer.
  static Responder make(std::function<bool(Response)> deliver, std::function<bool()> answered);

 private:
  struct State;
  explicit Responder(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

}  // namespace credsvc::http
