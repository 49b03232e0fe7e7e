// The header grammars with parameters. The first byte picks the grammar, the
// rest is the header value; values that parse must re-parse after to_string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "sip/auth_headers.hpp"
#include "sip/cseq.hpp"
#include "sip/date_header.hpp"
#include "sip/event_headers.hpp"
#include "sip/identity_headers.hpp"
#include "sip/media_type.hpp"
#include "sip/name_addr.hpp"
#include "sip/numeric_headers.hpp"
#include "sip/token_headers.hpp"
#include "sip/via.hpp"
#include "sip/warning.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc::sip;
  if (size == 0) return 0;
  const std::string_view v(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 16) {
    case 0: {
      const auto r = parse_via(v);
      if (!r) break;
      for (const Via& via : *r) {
        (void)via.rport();
        (void)via.ttl();
        const auto again = parse_via(to_string(via));
        FUZZ_CHECK(again.ok() && again->size() == 1);
        FUZZ_CHECK((*again)[0].host == via.host && (*again)[0].port == via.port &&
                   (*again)[0].transport == via.transport && (*again)[0].params.size() == via.params.size());
      }
      break;
    }
    case 1: {
      const auto r = parse_name_addr(v);
      if (!r) break;
      (void)r->expires();
      (void)r->q();
      const auto again = parse_name_addr(to_string(*r));
      FUZZ_CHECK(again.ok());
      FUZZ_CHECK(uri_equal(again->uri, r->uri));
      FUZZ_CHECK(again->params.size() == r->params.size());
      break;
    }
    case 2: {
      const auto r = parse_contact(v);
      if (r) {
        for (const NameAddr& na : r->contacts) FUZZ_CHECK(parse_name_addr(to_string(na)).ok());
      }
      break;
    }
    case 3: {
      const auto r = parse_auth_header(v);
      if (!r) break;
      (void)digest_params(*r);
      const auto again = parse_auth_header(to_string(*r));
      FUZZ_CHECK(again.ok());
      FUZZ_CHECK(again->params.size() == r->params.size());
      break;
    }
    case 4: {
      const auto r = parse_event(v);
      if (r) {
        (void)r->id();
        FUZZ_CHECK(!r->package.empty());
      }
      break;
    }
    case 5: {
      const auto r = parse_subscription_state(v);
      if (r) {
        (void)r->expires();
        (void)r->retry_after();
      }
      break;
    }
    case 6: {
      const auto r = parse_media_type(v);
      if (r) FUZZ_CHECK(parse_media_type(to_string(*r)).ok());
      break;
    }
    case 7: {
      const auto r = parse_accept(v);
      if (r) {
        for (const MediaType& mt : *r) (void)mt.covers(mt);
      }
      break;
    }
    case 8: {
      const auto r = parse_content_disposition(v);
      if (r) FUZZ_CHECK(parse_content_disposition(to_string(*r)).ok());
      break;
    }
    case 9: {
      const auto r = parse_identity(v);
      if (!r) break;
      const auto again = parse_identity(to_string(*r));
      FUZZ_CHECK(again.ok());
      FUZZ_CHECK(again->signature == r->signature && again->info == r->info && again->form == r->form);
      break;
    }
    case 10: {
      const auto r = parse_identity_info(v);
      if (r) FUZZ_CHECK(parse_identity_info(to_string(*r)).ok());
      break;
    }
    case 11: {
      const auto r = parse_date(v);
      if (r) FUZZ_CHECK(parse_date(format_date(*r)).value() == *r);
      break;
    }
    case 12: {
      const auto r = parse_warning(v);
      if (r) {
        for (const Warning& w : *r) FUZZ_CHECK(parse_warning(to_string(w)).ok());
      }
      break;
    }
    case 13: {
      (void)parse_retry_after(v);
      const auto c = parse_cseq(v);
      if (c) FUZZ_CHECK(parse_cseq(to_string(*c)).value().number == c->number);
      break;
    }
    case 14:
      (void)parse_token_list(v);
      (void)parse_event_type_list(v);
      (void)parse_entity_tag(v);
      (void)is_valid_call_id(v);
      break;
    default: {
      const auto r = parse_name_addr_list(v);
      if (r) {
        for (const NameAddr& na : *r) FUZZ_CHECK(parse_name_addr(to_string(na)).ok());
      }
      (void)parse_delta_seconds(v);
      (void)parse_max_forwards(v);
      break;
    }
  }
  return 0;
}
