#pragma once
// A value or a one-line reason: the non-throwing result type used by every SIP
// grammar function (parsing runs on the hot path and on untrusted input).

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace credsvc::sip {

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  static Result failure(std::string reason) {
    Result r;
    r.error_ = std::move(reason);
    return r;
  }

  [[nodiscard]] bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return checked(); }
  T& value() & { return checked(); }
  T&& value() && { return std::move(checked()); }
  const T& operator*() const& { return checked(); }
  T& operator*() & { return checked(); }
  const T* operator->() const { return &checked(); }
  T* operator->() { return &checked(); }

  // Empty when ok().
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  Result() = default;
  const T& checked() const {
    if (!value_) throw std::logic_error("sip::Result: no value (" + error_ + ")");
    return *value_;
  }
  T& checked() {
    if (!value_) throw std::logic_error("sip::Result: no value (" + error_ + ")");
    return *value_;
  }
  std::optional<T> value_;
  std::string error_;
};

}  // namespace credsvc::sip
