#pragma once
// CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16).

#include <cstdint>
#include <string>
#include <string_view>

#include "sip/method.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct CSeq {
  std::uint32_t number = 0;  // up to 2**32-1 (RFC 3261 §8.1.1.5)
  Method method = Method::Extension;
  std::string method_name;  // the token as received (case-sensitive)
};

Result<CSeq> parse_cseq(std::string_view value);
std::string to_string(const CSeq& cseq);

}  // namespace credsvc::sip
