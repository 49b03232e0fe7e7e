// parse_message on arbitrary bytes; for messages that parse, every lazy
// accessor runs, validation runs, and parse(serialize(m)) must give back the
// same start line, headers and body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "sip/request_validation.hpp"

namespace {

using namespace credsvc::sip;

void touch_accessors(const Message& m) {
  (void)m.contacts();
  (void)m.routes();
  (void)m.record_routes();
  (void)m.expires();
  (void)m.min_expires();
  (void)m.event();
  (void)m.subscription_state();
  (void)m.allow();
  (void)m.allow_events();
  (void)m.supported();
  (void)m.require();
  (void)m.proxy_require();
  (void)m.unsupported();
  (void)m.accept();
  (void)m.sip_etag();
  (void)m.sip_if_match();
  for (const auto& h : m.authorization().ok() ? m.authorization().value() : std::vector<AuthHeader>{}) {
    (void)digest_params(h);
  }
  (void)m.proxy_authorization();
  (void)m.www_authenticate();
  (void)m.proxy_authenticate();
  (void)m.identity();
  (void)m.identity_info();
  (void)m.date();
  (void)m.warnings();
  (void)m.content_type();
  (void)m.content_disposition();
  (void)m.retry_after();
  (void)m.list(HeaderId::Via);
  (void)m.header("X-Unknown");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view wire(reinterpret_cast<const char*>(data), size);
  const ParseResult r = parse_message(wire);
  if (!r.ok()) {
    FUZZ_CHECK(!r.reason.empty());
    // The partial message must still yield an error response without throwing.
    if (r.msg.is_request() && r.response_status() != 0) {
      const std::string resp = make_response(r.msg, r.response_status(), r.reason, "fuzztag").build();
      FUZZ_CHECK(resp.starts_with("SIP/2.0 "));
    }
    return 0;
  }
  FUZZ_CHECK(r.consumed <= size);
  const Message& m = r.msg;
  touch_accessors(m);
  if (m.is_request()) {
    const RequestCheck c = validate_request(m);
    if (c.ok) {
      const std::string resp = make_response(m, 200, {}, "fuzztag").build();
      const ParseResult rr = parse_message(resp);
      FUZZ_CHECK(rr.ok());
      FUZZ_CHECK(rr.msg.vias().size() == m.vias().size());
    }
  }
  const std::string out = serialize(m);
  const ParseResult again = parse_message(out);
  FUZZ_CHECK(again.ok());
  const Message& n = again.msg;
  FUZZ_CHECK(n.is_request() == m.is_request());
  FUZZ_CHECK(n.method_name() == m.method_name());
  FUZZ_CHECK(n.request_uri_text() == m.request_uri_text());
  FUZZ_CHECK(n.status() == m.status());
  FUZZ_CHECK(n.reason() == m.reason());
  FUZZ_CHECK(n.body() == m.body());
  std::size_t j = 0;
  for (const HeaderField& f : m.fields()) {
    if (f.id == HeaderId::ContentLength) continue;
    FUZZ_CHECK(j < n.fields().size());
    FUZZ_CHECK(n.fields()[j].id == f.id);
    FUZZ_CHECK(n.fields()[j].value == f.value);
    ++j;
  }
  FUZZ_CHECK(serialize(n) == out);
  return 0;
}
