#pragma once
// The text parsed values point into. A Uri, NameAddr or Via holds its fields
// as string_views and, beside them, a share of the bytes they view: the bytes
// of the received message when it was parsed from a Message, or a private
// copy when it was parsed from a bare string. So any copy of such a value is
// safe to keep after the Message or the string it came from is gone, and
// parsing a message allocates nothing per field.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace credsvc::sip {

// Immutable bytes; copies share them (one reference count per holder).
using SharedText = std::shared_ptr<const char>;

// A shared copy of `text` in one allocation.
SharedText share_copy(std::string_view text);
// Takes `text` over without copying its bytes.
SharedText share_string(std::string&& text);

// A private copy of a value's wire text with room after it, for the few
// parts whose value differs from their wire form (a %-escaped URI user, a
// quoted-string holding quoted-pairs). Parsers take it only when the text
// holds '%' or '\\'; the decoded parts are views into the same block, so the
// one share keeps everything alive.
class DecodedText {
 public:
  explicit DecodedText(std::string_view text);

  // The copy of the text; parse this, not the original.
  [[nodiscard]] std::string_view text() const noexcept { return {block_.get(), size_}; }
  [[nodiscard]] SharedText share() const noexcept { return SharedText(block_, block_.get()); }

  // Decoders append a value's bytes, then take it with `finish`. Decoding never
  // lengthens a part and parts do not overlap, so the room (as large as the
  // text) suffices; `append` refuses, rather than overruns, if it would not.
  [[nodiscard]] std::size_t mark() const noexcept { return used_; }
  bool append(char c) noexcept;
  [[nodiscard]] std::string_view finish(std::size_t mark) const noexcept {
    return {block_.get() + size_ + mark, used_ - mark};
  }

 private:
  std::shared_ptr<char[]> block_;
  std::size_t size_ = 0;
  std::size_t used_ = 0;
};

}  // namespace credsvc::sip
