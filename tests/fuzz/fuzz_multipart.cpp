// parse_multipart: the input's first line is the boundary, the rest the body.
// Parts that parse must survive build_multipart → parse_multipart unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "sip/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc::sip;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return 0;
  const std::string_view boundary = input.substr(0, nl);
  const std::string_view body = input.substr(nl + 1);
  const auto parts = parse_multipart(body, boundary);
  if (!parts) {
    FUZZ_CHECK(parts.error().starts_with("multipart: "));
    return 0;
  }
  FUZZ_CHECK(!parts->empty());
  std::vector<PartSpec> specs;
  for (const BodyPart& p : *parts) {
    // Views stay inside the body.
    FUZZ_CHECK(p.content.data() >= body.data() && p.content.data() + p.content.size() <= body.data() + body.size());
    specs.push_back(PartSpec{"application/octet-stream", "", {}, std::string(p.content)});
  }
  const BuiltMultipart built = build_multipart(specs);
  const auto again = parse_multipart(built.body, built.boundary);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->size() == parts->size());
  for (std::size_t i = 0; i < parts->size(); ++i) FUZZ_CHECK((*again)[i].content == (*parts)[i].content);
  return 0;
}
