#include "ua/subscribe_request.hpp"

namespace credsvc::ua {

std::string_view event_name(EventPackage package) noexcept {
  return package == EventPackage::credential ? "credential" : "certificate";
}

std::string_view accept_value(EventPackage package) noexcept {
  return package == EventPackage::credential ? "multipart/mixed, application/pkix-cert, application/pkcs8"
                                             : "application/pkix-cert";
}

OutgoingRequest make_subscribe(const SubscribeSpec& spec, const SubscriptionDialog& dialog) {
  OutgoingRequest r;
  r.method = "SUBSCRIBE";
  r.request_uri = spec.target.sip_uri();
  r.from = "<sip:" + spec.subscriber + ">;tag=" + dialog.local_tag;
  r.to = "<" + spec.target.sip_uri() + ">";
  if (dialog.remote_tag) r.to += ";tag=" + *dialog.remote_tag;
  r.call_id = dialog.call_id;
  r.cseq = dialog.cseq;
  r.contact_user = "fetch";
  r.headers.emplace_back("Event", std::string(event_name(spec.package)));
  r.headers.emplace_back("Accept", std::string(accept_value(spec.package)));
  r.headers.emplace_back("Expires", std::to_string(spec.expires));
  return r;
}

}  // namespace credsvc::ua
