// The body of a credential PUBLISH (RFC 6072 §8.9): a DER certificate alone
// (application/pkix-cert), or multipart/mixed with the certificate and a
// PKCS#8 key (application/pkcs8), checked per §8.10. Pure: no I/O, so it is
// unit-tested and fuzzed on its own.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "db/records.hpp"
#include "sip/message.hpp"

namespace credsvc::events {

// Why a PUBLISH is refused: the status, a reason phrase naming the fault and,
// for the §8.10 checks, a Warning text naming the failed check.
struct Rejection {
  int status = 400;
  std::string reason;
  std::string warning;  // empty: no Warning header
};

struct DecodedPublication {
  db::Bytes certificate_der;
  std::optional<db::Bytes> pkcs8_der;  // as received: plain or PBES2-encrypted
  bool key_encrypted = false;
  std::string spki_sha256;
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
  std::string fingerprint_sha256;
};

// The media types a credential PUBLISH may carry (415's Accept).
inline constexpr std::string_view publication_accept = "application/pkix-cert, multipart/mixed";

// Decodes and checks the body of `request` (which must have one) for `aor`
// ("user@host") at `now`. A plain PKCS#8 key must be the certificate's key;
// an encrypted one is stored as it is (the server cannot read it, §8.2).
std::variant<DecodedPublication, Rejection> decode_publication(const sip::Message& request, std::string_view aor,
                                                               std::chrono::system_clock::time_point now);

}  // namespace credsvc::events
