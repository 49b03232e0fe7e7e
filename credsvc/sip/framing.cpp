#include "sip/framing.hpp"

#include <optional>

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

Frame unframeable(std::size_t skip, std::string_view reason) {
  Frame f;
  f.status = FrameStatus::Unframeable;
  f.skip = skip;
  f.reason = reason;
  return f;
}

}  // namespace

Frame find_frame(std::string_view received, std::size_t max_message_size) noexcept {
  constexpr std::string_view kPing = "\r\n\r\n";
  std::size_t skip = 0;
  while (true) {
    const std::string_view rest = received.substr(skip);
    if (rest.size() < kPing.size() && kPing.substr(0, rest.size()) == rest) {
      return Frame{FrameStatus::NeedMore, skip, 0, {}};  // empty, or a ping's first bytes
    }
    if (rest.substr(0, 4) == kPing) return Frame{FrameStatus::KeepAlive, skip, 4, {}};
    if (rest.substr(0, 2) != "\r\n") break;
    skip += 2;  // a bare CRLF between messages (RFC 3261 §7.5)
  }
  const std::string_view msg = received.substr(skip);
  const std::size_t end = msg.find(kPing);
  if (end == std::string_view::npos) {
    if (msg.size() >= max_message_size) return unframeable(skip, "Message too large");
    return Frame{FrameStatus::NeedMore, skip, 0, {}};
  }
  const std::size_t header_size = end + 4;
  if (header_size > max_message_size) return unframeable(skip, "Message too large");

  // Find Content-Length among the header lines (after the start line).
  std::optional<std::string_view> length_text;
  std::size_t line_start = msg.find("\r\n") + 2;
  while (line_start < end + 2) {
    std::size_t line_end = msg.find("\r\n", line_start);
    // A folded value continues on lines starting with SP or HT.
    while (line_end < end && (msg[line_end + 2] == ' ' || msg[line_end + 2] == '\t')) {
      line_end = msg.find("\r\n", line_end + 2);
    }
    const std::string_view line = msg.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && grammar::is_ws(name.back())) name.remove_suffix(1);
    if (!grammar::iequals(name, "Content-Length") && !grammar::iequals(name, "l")) continue;
    if (length_text) return unframeable(skip, "Duplicate Content-Length");
    length_text = grammar::trim(line.substr(colon + 1));
  }
  if (!length_text) return unframeable(skip, "Missing Content-Length");
  const auto body = grammar::parse_uint(*length_text, max_message_size);
  if (!body) {
    bool digits = !length_text->empty();
    for (char c : *length_text) digits = digits && grammar::is_digit(c);
    return unframeable(skip, digits ? "Message too large" : "Bad Content-Length");
  }
  const std::size_t total = header_size + static_cast<std::size_t>(*body);
  if (total > max_message_size) return unframeable(skip, "Message too large");
  if (msg.size() < total) return Frame{FrameStatus::NeedMore, skip, 0, {}};
  return Frame{FrameStatus::Complete, skip, total, {}};
}

}  // namespace credsvc::sip
