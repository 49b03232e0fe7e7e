#pragma once
// Building wire messages: requests and responses from parts, a parsed Message
// back to bytes, and the response skeleton of RFC 3261 §8.2.6.

#include <string>
#include <string_view>

#include "sip/header_name.hpp"
#include "sip/message.hpp"
#include "sip/method.hpp"
#include "sip/uri.hpp"

namespace credsvc::sip {

class MessageBuilder {
 public:
  static MessageBuilder request(std::string_view method, std::string_view request_uri);
  static MessageBuilder request(Method method, const Uri& request_uri);
  // An empty reason takes default_reason_phrase(status).
  static MessageBuilder response(int status, std::string_view reason = {});

  // Appends a header line. Throws std::invalid_argument when the name is not a
  // token or the value holds CR or LF (no header injection; NUL may appear in
  // a quoted-pair, RFC 3261 §25.1, so copied values may carry it).
  MessageBuilder& add(HeaderId id, std::string_view value);
  MessageBuilder& add(std::string_view name, std::string_view value);
  // Sets the body and, when content_type is not empty, a Content-Type header.
  MessageBuilder& body(std::string_view content_type, std::string_view content);

  // Start line, headers in the order added, Content-Length of the body, body.
  [[nodiscard]] std::string build() const;

 private:
  MessageBuilder() = default;
  std::string start_;
  std::string headers_;
  std::string body_;
};

// The wire form of a parsed message: canonical header names (compact forms
// expanded), folded values on one line, Content-Length recomputed.
std::string serialize(const Message& msg);

// RFC 3261 §8.2.6: copies every Via (in order), From, To, Call-ID and CSeq
// (and Timestamp for 100). `to_tag` is added to To when To has no tag yet.
MessageBuilder make_response(const Message& request, int status, std::string_view reason = {},
                             std::string_view to_tag = {});

}  // namespace credsvc::sip
