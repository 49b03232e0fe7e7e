#include "sip/token_headers.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {

Result<std::vector<std::string>> parse_token_list(std::string_view value) {
  std::vector<std::string> out;
  if (grammar::trim(value).empty()) return out;
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  while (split.next(element, malformed)) {
    if (malformed || !grammar::is_token(element)) {
      return Result<std::vector<std::string>>::failure("not a token list");
    }
    out.emplace_back(element);
  }
  return out;
}

Result<std::vector<std::string>> parse_event_type_list(std::string_view value) {
  auto list = parse_token_list(value);
  if (!list) return list;
  for (const std::string& t : *list) {
    // token-nodot pieces joined by single dots: no empty piece.
    if (t.front() == '.' || t.back() == '.' || t.find("..") != std::string::npos) {
      return Result<std::vector<std::string>>::failure("bad event type");
    }
  }
  return list;
}

Result<std::string> parse_entity_tag(std::string_view value) {
  const std::string_view t = grammar::trim(value);
  if (!grammar::is_token(t)) return Result<std::string>::failure("not a token");
  return std::string(t);
}

bool is_valid_call_id(std::string_view value) noexcept {
  const std::size_t at = value.find('@');
  auto word = [](std::string_view w) {
    if (w.empty()) return false;
    for (char c : w) {
      if (!grammar::is_word_char(c)) return false;
    }
    return true;
  };
  if (at == std::string_view::npos) return word(value);
  return word(value.substr(0, at)) && word(value.substr(at + 1));
}

}  // namespace credsvc::sip
