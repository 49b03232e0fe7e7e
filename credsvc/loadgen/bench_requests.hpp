// The SUBSCRIBE every scenario sends, on the ua/ request builders: the
// certificate package for an AOR (RFC 6072 §7), Expires: 0 for a fetch
// (RFC 6665 §4.1.2.4) or the time a held subscription lasts. No I/O.
#pragma once

#include <cstdint>
#include <string>

#include "loadgen/request_ids.hpp"
#include "ua/aor_parts.hpp"
#include "ua/outgoing_request.hpp"

namespace credsvc::loadgen {

struct SubscribeWire {
  std::string call_id;  // the key of the exchange
  std::string bytes;
};

SubscribeWire certificate_subscribe(const ua::AorParts& target, std::uint32_t expires, RequestIds& ids,
                                    const ua::LocalAddress& local);

}  // namespace credsvc::loadgen
