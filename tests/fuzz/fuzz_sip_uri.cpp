// parse_uri on arbitrary text; a URI that parses must serialize to text that
// parses to an equal URI, and serialization must be a fixed point.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "sip/uri.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc::sip;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto u = parse_uri(text);
  if (!u) {
    FUZZ_CHECK(!u.error().empty());
    return 0;
  }
  (void)aor_of(*u);
  (void)u->ttl();
  (void)u->transport();
  const std::string s = to_string(*u);
  const auto v = parse_uri(s);
  FUZZ_CHECK(v.ok());
  FUZZ_CHECK(uri_equal(*u, *v));
  FUZZ_CHECK(uri_equal(*v, *u));
  FUZZ_CHECK(to_string(*v) == s);
  FUZZ_CHECK(aor_of(*u) == aor_of(*v));
  FUZZ_CHECK(u->user == v->user && u->password == v->password && u->params == v->params &&
             u->headers == v->headers && u->port == v->port && u->host == v->host);
  return 0;
}
