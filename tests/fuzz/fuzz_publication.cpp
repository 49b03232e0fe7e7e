// decode_publication (credsvc/events/publication_body.cpp): the input is a
// whole PUBLISH request; one that parses must be either accepted with a
// certificate that re-parses, or refused with a 4xx and a reason phrase.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "certs/certificate.hpp"
#include "events/publication_body.hpp"
#include "fuzz_check.hpp"
#include "sip/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc;
  const auto parsed = sip::parse_message(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok() || !parsed.msg.is_request()) return 0;
  // A fixed clock keeps runs reproducible: 2027-01-01T00:00:00Z (the seed
  // certificates are valid then).
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'798'761'600));
  const auto result = events::decode_publication(parsed.msg, "alice@example.com", now);
  if (const auto* rejection = std::get_if<events::Rejection>(&result)) {
    FUZZ_CHECK(rejection->status >= 400 && rejection->status < 500);
    FUZZ_CHECK(!rejection->reason.empty());
    for (const char c : rejection->reason) FUZZ_CHECK(c != '\r' && c != '\n');
    return 0;
  }
  const auto& accepted = std::get<events::DecodedPublication>(result);
  const auto cert = certs::Certificate::from_der(accepted.certificate_der);
  FUZZ_CHECK(cert.spki_fingerprint_sha256() == accepted.spki_sha256);
  FUZZ_CHECK(accepted.not_before <= now && now < accepted.not_after);
  return 0;
}
