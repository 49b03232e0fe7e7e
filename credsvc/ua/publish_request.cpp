#include "ua/publish_request.hpp"

namespace credsvc::ua {

OutgoingRequest make_publish(const PublishSpec& spec, const std::string& call_id, const std::string& from_tag,
                             std::uint32_t cseq) {
  OutgoingRequest r;
  r.method = "PUBLISH";
  r.request_uri = spec.aor.sip_uri();
  r.from = "<" + spec.aor.sip_uri() + ">;tag=" + from_tag;
  r.to = "<" + spec.aor.sip_uri() + ">";
  r.call_id = call_id;
  r.cseq = cseq;
  r.contact_user = "publish";
  r.headers.emplace_back("Event", "credential");
  r.headers.emplace_back("Expires", std::to_string(spec.expires));
  if (spec.if_match) r.headers.emplace_back("SIP-If-Match", *spec.if_match);
  r.content_type = spec.content_type;
  r.body = spec.body;
  return r;
}

PublishSpec revoke_spec(const AorParts& aor) {
  PublishSpec s;
  s.aor = aor;
  s.expires = 0;
  return s;
}

}  // namespace credsvc::ua
