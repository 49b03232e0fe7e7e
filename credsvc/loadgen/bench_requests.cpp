#include "loadgen/bench_requests.hpp"

#include <optional>

#include "ua/subscribe_request.hpp"

namespace credsvc::loadgen {

SubscribeWire certificate_subscribe(const ua::AorParts& target, std::uint32_t expires, RequestIds& ids,
                                    const ua::LocalAddress& local) {
  ua::SubscribeSpec spec;
  spec.target = target;
  spec.subscriber = target.canonical;
  spec.package = ua::EventPackage::certificate;
  spec.expires = expires;
  ua::SubscriptionDialog dialog;
  dialog.call_id = ids.call_id();
  dialog.local_tag = ids.tag();
  dialog.cseq = 1;
  SubscribeWire wire;
  wire.bytes = ua::serialize_request(ua::make_subscribe(spec, dialog), local, ids.branch(), std::nullopt);
  wire.call_id = std::move(dialog.call_id);
  return wire;
}

}  // namespace credsvc::loadgen
