// A refused admin API call: its HTTP status, a stable machine-readable code
// and a one-line message, answered as {"error":{"code":…,"message":…}}
// (json_response.hpp). Handlers throw it before they write anything.
#pragma once

#include <stdexcept>
#include <string>

#include "http/http_message.hpp"

namespace credsvc::http {

class AdminError : public std::runtime_error {
 public:
  AdminError(Status status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}

  Status status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  Status status_;
  std::string code_;
};

}  // namespace credsvc::http
