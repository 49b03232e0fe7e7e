#pragma once
// Message framing on a reliable transport (TLS): where the next message ends
// in the bytes received so far (RFC 3261 §18.3, §7.5; RFC 5626 §4.4.1).

#include <cstddef>
#include <string_view>

namespace credsvc::sip {

inline constexpr std::size_t kDefaultMaxMessageSize = 64 * 1024;

enum class FrameStatus {
  NeedMore,     // read more bytes (after dropping `skip` bytes if you like)
  Complete,     // a message is received.substr(skip, length)
  KeepAlive,    // a CRLFCRLF ping at received.substr(skip, 4): answer CRLF
  Unframeable,  // close the connection; `reason` says why
};

struct Frame {
  FrameStatus status = FrameStatus::NeedMore;
  std::size_t skip = 0;    // bare CRLFs before the message, to be discarded (§7.5)
  std::size_t length = 0;  // message or ping length
  std::string_view reason; // static text for Unframeable
  [[nodiscard]] std::size_t consumed() const noexcept { return skip + length; }
};

// Looks only at the first message. Content-Length (or "l") is mandatory on a
// stream; negative, non-numeric, duplicated or oversized lengths, and messages
// over max_message_size, are unframeable.
Frame find_frame(std::string_view received, std::size_t max_message_size = kDefaultMaxMessageSize) noexcept;

}  // namespace credsvc::sip
