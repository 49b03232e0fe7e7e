// A response to a request that could not be parsed (RFC 4475 §3.1.2: answer
// 400 where a request can be answered): the headers a response needs (Via,
// From, To, Call-ID, CSeq) are copied verbatim from the raw text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace credsvc::uas {

// nullopt when `raw` is not recognisably a request or lacks a Via to answer
// along (then the message is dropped).
std::optional<std::string> response_to_raw_request(std::string_view raw, int status, std::string_view reason);

}  // namespace credsvc::uas
