// find_frame over a byte stream: every step makes progress inside the buffer,
// a complete frame parses with its whole body, and every shorter prefix of a
// complete frame asks for more bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "sip/framing.hpp"
#include "sip/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc::sip;
  if (size < 2) return 0;
  // The first two bytes choose the size limit (small limits reach the edges).
  const std::size_t max = 16 + (static_cast<std::size_t>(data[0]) << 8 | data[1]);
  std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  for (int step = 0; step < 64 && !rest.empty(); ++step) {
    const Frame f = find_frame(rest, max);
    FUZZ_CHECK(f.consumed() <= rest.size());
    if (f.status == FrameStatus::NeedMore) {
      FUZZ_CHECK(f.length == 0);
      break;
    }
    if (f.status == FrameStatus::Unframeable) {
      FUZZ_CHECK(!f.reason.empty());
      break;
    }
    FUZZ_CHECK(f.length > 0);
    if (f.status == FrameStatus::Complete) {
      FUZZ_CHECK(f.length <= max);
      const std::string_view msg = rest.substr(f.skip, f.length);
      const ParseResult r = parse_message(msg);
      if (r.ok()) FUZZ_CHECK(r.consumed == msg.size());
      for (std::size_t cut : {std::size_t{0}, f.consumed() / 3, f.consumed() / 2, f.consumed() - 1}) {
        FUZZ_CHECK(find_frame(rest.substr(0, cut), max).status == FrameStatus::NeedMore);
      }
    }
    rest.remove_prefix(f.consumed());
  }
  return 0;
}
