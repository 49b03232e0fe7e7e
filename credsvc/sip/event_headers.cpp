#include "sip/event_headers.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

std::optional<std::uint32_t> delta(const Params& params, std::string_view name) {
  const auto v = params.value(name);
  if (!v) return std::nullopt;
  const auto n = grammar::parse_uint(*v, 0xFFFFFFFFULL);
  if (!n) return std::nullopt;
  return static_cast<std::uint32_t>(*n);
}

bool is_token_nodot(char c) noexcept { return c != '.' && grammar::is_token_char(c); }

}  // namespace

Result<EventHeader> parse_event(std::string_view value) {
  auto fail = [] { return Result<EventHeader>::failure("bad event type"); };
  grammar::Scanner sc(value);
  sc.skip_ws();
  EventHeader ev;
  const std::size_t start = sc.pos();
  const std::string_view package = sc.take_while(is_token_nodot);
  if (package.empty()) return fail();
  ev.package = std::string(package);
  while (sc.literal('.')) {
    const std::string_view t = sc.take_while(is_token_nodot);
    if (t.empty()) return fail();
    ev.templates.emplace_back(t);
  }
  ev.type = std::string(sc.text().substr(start, sc.pos() - start));
  if (!parse_params(sc, ev.params)) return Result<EventHeader>::failure("bad event parameter");
  sc.skip_ws();
  if (!sc.done()) return fail();
  if (const Param* id = ev.params.find("id")) {
    if (!id->value || id->quoted) return Result<EventHeader>::failure("bad id parameter");
  }
  return ev;
}

std::optional<std::uint32_t> SubscriptionState::expires() const noexcept { return delta(params, "expires"); }
std::optional<std::uint32_t> SubscriptionState::retry_after() const noexcept {
  return delta(params, "retry-after");
}

Result<SubscriptionState> parse_subscription_state(std::string_view value) {
  grammar::Scanner sc(value);
  sc.skip_ws();
  const std::string_view state = sc.token();
  if (state.empty()) return Result<SubscriptionState>::failure("missing substate");
  SubscriptionState out;
  out.state_name = std::string(state);
  if (grammar::iequals(state, "active")) {
    out.state = SubState::Active;
  } else if (grammar::iequals(state, "pending")) {
    out.state = SubState::Pending;
  } else if (grammar::iequals(state, "terminated")) {
    out.state = SubState::Terminated;
  } else {
    out.state = SubState::Extension;
  }
  if (!parse_params(sc, out.params)) return Result<SubscriptionState>::failure("bad parameter");
  sc.skip_ws();
  if (!sc.done()) return Result<SubscriptionState>::failure("unexpected text");
  for (std::string_view n : {"expires", "retry-after"}) {
    if (out.params.has(n) && !delta(out.params, n)) {
      return Result<SubscriptionState>::failure("bad " + std::string(n) + " parameter");
    }
  }
  return out;
}

}  // namespace credsvc::sip
