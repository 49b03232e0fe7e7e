#include "sip/request_validation.hpp"

#include "sip/via.hpp"

namespace credsvc::sip {
namespace {

RequestCheck reject(std::string reason) {
  RequestCheck c;
  c.ok = false;
  c.reason = std::move(reason);
  return c;
}

template <class R>
bool failed(const R& result, RequestCheck& out) {
  if (result.ok()) return false;
  out = reject(result.error());
  return true;
}

}  // namespace

RequestCheck validate_request(const Message& msg) {
  if (!msg.is_request()) return reject("Not a request");
  // §8.1.1: To, From, CSeq, Call-ID, Max-Forwards and Via are mandatory.
  if (msg.to() == nullptr) return reject("Missing To header");
  if (msg.from() == nullptr) return reject("Missing From header");
  if (msg.cseq() == nullptr) return reject("Missing CSeq header");
  if (!msg.call_id()) return reject("Missing Call-ID header");
  if (msg.vias().empty()) return reject("Missing Via header");
  if (msg.cseq()->method_name != msg.method_name()) {
    return reject("CSeq method does not match request method");
  }
  // RFC 4475 §3.2.1 (badbranch): the magic cookie alone is no transaction id.
  if (const auto branch = msg.top_via()->branch(); branch && *branch == kBranchMagicCookie) {
    return reject("Malformed Via branch");
  }
  RequestCheck out;
  out.missing_max_forwards = !msg.max_forwards().has_value();
  if (failed(msg.contacts(), out) || failed(msg.routes(), out) || failed(msg.record_routes(), out) ||
      failed(msg.expires(), out) || failed(msg.min_expires(), out) || failed(msg.event(), out) ||
      failed(msg.subscription_state(), out) || failed(msg.allow(), out) ||
      failed(msg.allow_events(), out) || failed(msg.supported(), out) || failed(msg.require(), out) ||
      failed(msg.proxy_require(), out) || failed(msg.accept(), out) || failed(msg.sip_etag(), out) ||
      failed(msg.sip_if_match(), out) || failed(msg.authorization(), out) ||
      failed(msg.proxy_authorization(), out) || failed(msg.identity(), out) ||
      failed(msg.identity_info(), out) || failed(msg.date(), out) || failed(msg.content_type(), out) ||
      failed(msg.content_disposition(), out)) {
    return out;
  }
  return out;
}

}  // namespace credsvc::sip
