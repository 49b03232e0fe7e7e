#include "sip/shared_text.hpp"

#include <cstring>

namespace credsvc::sip {

SharedText share_copy(std::string_view text) {
  // make_shared of an array: the count and the bytes share one allocation.
  std::shared_ptr<char[]> block = std::make_shared_for_overwrite<char[]>(text.size() + 1);
  if (!text.empty()) std::memcpy(block.get(), text.data(), text.size());
  block[text.size()] = '\0';
  return SharedText(block, block.get());
}

SharedText share_string(std::string&& text) {
  auto owned = std::make_shared<const std::string>(std::move(text));
  return SharedText(owned, owned->data());
}

DecodedText::DecodedText(std::string_view text)
    : block_(std::make_shared_for_overwrite<char[]>(2 * text.size() + 1)), size_(text.size()) {
  if (!text.empty()) std::memcpy(block_.get(), text.data(), text.size());
}

bool DecodedText::append(char c) noexcept {
  if (used_ >= size_) return false;
  block_[size_ + used_++] = c;
  return true;
}

}  // namespace credsvc::sip
