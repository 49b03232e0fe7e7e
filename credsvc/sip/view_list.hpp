#pragma once
// A short list of views (URI parameters, header parameters) kept inline: the
// first N items need no allocation. The items view text that the list's
// owner (a Uri, NameAddr or Via) shares, so only the owner copies a list:
// derived list types make their copy operations private and befriend it, and
// a list copied out on its own (which would outlive its text) does not compile.

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace credsvc::sip {

template <class T, std::size_t N>
class ViewList {
  static_assert(std::is_trivially_copyable_v<T>, "a ViewList holds views only");

 public:
  ViewList() = default;
  ~ViewList() = default;

  [[nodiscard]] const T* begin() const noexcept { return data(); }
  [[nodiscard]] const T* end() const noexcept { return data() + size_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] const T& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("sip: list index out of range");
    return data()[i];
  }
  [[nodiscard]] const T& front() const noexcept { return data()[0]; }

  bool operator==(const ViewList& other) const noexcept {
    return std::equal(begin(), end(), other.begin(), other.end());
  }

  // For the parsers: the item must view the owner's text.
  void push_back(const T& item) {
    if (size_ < N) {
      inline_[size_++] = item;
      return;
    }
    if (size_ == N) spill_.assign(inline_.begin(), inline_.end());
    spill_.push_back(item);
    ++size_;
  }

 protected:
  ViewList(const ViewList&) = default;
  ViewList& operator=(const ViewList&) = default;
  ViewList(ViewList&& other) noexcept
      : inline_(other.inline_), spill_(std::move(other.spill_)), size_(other.size_) {
    other.size_ = 0;
  }
  ViewList& operator=(ViewList&& other) noexcept {
    inline_ = other.inline_;
    spill_ = std::move(other.spill_);
    size_ = other.size_;
    other.size_ = 0;
    return *this;
  }

 private:
  [[nodiscard]] const T* data() const noexcept { return size_ <= N ? inline_.data() : spill_.data(); }

  std::array<T, N> inline_{};
  std::vector<T> spill_;  // every item once there are more than N
  std::size_t size_ = 0;
};

}  // namespace credsvc::sip
