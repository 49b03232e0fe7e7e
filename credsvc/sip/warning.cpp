#include "sip/warning.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

bool agent_char(char c) noexcept {
  return grammar::is_token_char(c) || c == ':' || c == '[' || c == ']';
}

}  // namespace

Result<std::vector<Warning>> parse_warning(std::string_view value) {
  using R = Result<std::vector<Warning>>;
  std::vector<Warning> out;
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  while (split.next(element, malformed)) {
    if (malformed || element.empty()) return R::failure("empty warning-value");
    grammar::Scanner sc(element);
    const std::string_view code = sc.take_while(grammar::is_digit);
    if (code.size() != 3 || !sc.literal(' ')) return R::failure("warn-code is not 3 digits");
    Warning w;
    w.code = static_cast<int>(*grammar::parse_uint(code, 999));
    const std::string_view agent = sc.take_while(agent_char);
    if (agent.empty() || !sc.literal(' ')) return R::failure("bad warn-agent");
    w.agent = std::string(agent);
    if (sc.peek() != '"' || !sc.quoted_string(w.text)) return R::failure("bad warn-text");
    sc.skip_ws();
    if (!sc.done()) return R::failure("unexpected text");
    out.push_back(std::move(w));
  }
  return out;
}

std::string to_string(const Warning& w) {
  std::string code = std::to_string(w.code);
  while (code.size() < 3) code.insert(code.begin(), '0');
  return code + " " + w.agent + " " + grammar::quote(w.text);
}

}  // namespace credsvc::sip
