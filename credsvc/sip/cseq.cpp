#include "sip/cseq.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {

Result<CSeq> parse_cseq(std::string_view value) {
  grammar::Scanner sc(value);
  sc.skip_ws();
  const auto number = grammar::parse_uint(sc.take_while(grammar::is_digit), 0xFFFFFFFFULL);
  if (!number) return Result<CSeq>::failure("bad sequence number");
  if (!sc.skip_ws()) return Result<CSeq>::failure("missing method");
  const std::string_view method = sc.token();
  sc.skip_ws();
  if (method.empty() || !sc.done()) return Result<CSeq>::failure("bad method");
  CSeq out;
  out.number = static_cast<std::uint32_t>(*number);
  out.method = method_from_token(method);
  out.method_name = std::string(method);
  return out;
}

std::string to_string(const CSeq& cseq) {
  return std::to_string(cseq.number) + " " + cseq.method_name;
}

}  // namespace credsvc::sip
