// The payloads that reach an instance over PostgreSQL LISTEN/NOTIFY: change
// notifications (written by triggers, or by anyone with psql) and live
// subscriber queries and answers. Any text must parse or be refused without
// a crash; what parses must survive its own round trip, and a query that is
// accepted may only name a reply channel of our own form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "db/change_event.hpp"
#include "db/live_query_payload.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace credsvc::db;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto change = parse_change_payload(text)) {
    FUZZ_CHECK(change->kind != ChangeKind::resync);  // never from the wire
    (void)to_string(change->kind);
  }

  if (const auto query = parse_live_query(text)) {
    FUZZ_CHECK(!query->aor.empty());
    FUZZ_CHECK(query->reply_channel.starts_with(live_reply_prefix));
    FUZZ_CHECK(query->reply_channel.size() <= 63);
    for (const char c : query->reply_channel.substr(live_reply_prefix.size())) {
      FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    const auto again = parse_live_query(live_query_payload(*query));
    FUZZ_CHECK(again && again->aor == query->aor && again->reply_channel == query->reply_channel);
  }

  if (const auto counts = parse_instance_counts(text)) {
    FUZZ_CHECK(!counts->instance.empty() && counts->pid >= 0);
    const auto again = parse_instance_counts(instance_counts_payload(*counts));
    FUZZ_CHECK(again && again->instance == counts->instance && again->host == counts->host &&
               again->pid == counts->pid && again->certificate == counts->certificate &&
               again->credential == counts->credential);
  }
  return 0;
}
