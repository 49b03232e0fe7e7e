#pragma once
// A request the UA sends, before the transport details are known: the
// headers every request needs besides Via and Contact (RFC 3261 §8.1.1),
// which serialize_request adds for the connection it goes out on. No I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace credsvc::ua {

struct OutgoingRequest {
  std::string method;       // "SUBSCRIBE", "PUBLISH"
  std::string request_uri;  // "sip:alice@example.test"
  std::string from;         // header value with its tag
  std::string to;           // header value; with the remote tag inside a dialog
  std::string call_id;
  std::uint32_t cseq = 1;
  std::string contact_user = "credsvc";  // Contact: <sip:USER@LOCAL;transport=tls>
  std::vector<std::pair<std::string, std::string>> headers;  // Event, Accept, Expires, ...
  std::string content_type;  // no Content-Type when empty
  std::string body;
};

// The local end of the connection, for Via sent-by and Contact.
struct LocalAddress {
  std::string host;  // IP address; IPv6 without brackets
  std::uint16_t port = 0;
  // "host:port" with an IPv6 host in brackets.
  [[nodiscard]] std::string host_port() const;
};

// The wire form: start line, Via "SIP/2.0/TLS local;branch=<branch>",
// Max-Forwards: 70, From, To, Call-ID, CSeq, Contact, the extra headers,
// Authorization (when given), Content-Type, Content-Length and the body.
// Throws std::invalid_argument when a value holds CR or LF.
std::string serialize_request(const OutgoingRequest& request, const LocalAddress& local, std::string_view branch,
                              const std::optional<std::string>& authorization);

}  // namespace credsvc::ua
