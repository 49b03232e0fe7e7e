#pragma once
// Warning = warning-value *(COMMA warning-value); warning-value = warn-code SP
// warn-agent SP warn-text (RFC 3261 §20.43).

#include <string>
#include <string_view>
#include <vector>

#include "sip/result.hpp"

namespace credsvc::sip {

struct Warning {
  int code = 0;        // exactly three digits
  std::string agent;   // hostport or pseudonym
  std::string text;    // unquoted
};

Result<std::vector<Warning>> parse_warning(std::string_view value);
std::string to_string(const Warning& w);

}  // namespace credsvc::sip
