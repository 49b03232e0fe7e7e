#pragma once
// The user-agent core over one SIP-over-TLS connection: non-INVITE client
// transactions on a reliable transport (RFC 3261 §17.1.2; no
// retransmissions over TLS), one Digest retry after a 401 (§22.2), and the
// UAS side for the NOTIFYs a subscription brings: each is answered 200 at
// once (RFC 6665 §4.1.3) and queued for the caller.

#include <chrono>
#include <deque>
#include <optional>
#include <string>

#include "sip/message.hpp"
#include "ua/outgoing_request.hpp"
#include "ua/sip_tls_connection.hpp"

namespace credsvc::ua {

struct DigestLogin {
  std::string username;  // the user part of the user's AOR
  std::string password;
};

class UserAgent {
 public:
  // `timeout` bounds each transaction (both requests when challenged).
  UserAgent(SipTlsConnection& connection, std::chrono::milliseconds timeout)
      : connection_(connection), timeout_(timeout) {}

  // Sends `request` in a new transaction and returns its final response.
  // When the response is a 401 with a usable Digest challenge and `login`
  // is given, the request is sent once more with Authorization, the same
  // Call-ID and CSeq + 1; `request.cseq` then holds that CSeq. Throws
  // std::runtime_error when no final response arrives in time, the
  // connection fails, or the challenge cannot be answered.
  sip::Message send(OutgoingRequest& request, const DigestLogin* login = nullptr);

  // The next NOTIFY received (already answered 200), oldest first; nullopt
  // at the deadline or when a signal interrupts (then interrupted() is true).
  std::optional<sip::Message> next_notify(Deadline deadline);
  [[nodiscard]] bool interrupted() const noexcept { return interrupted_; }

  [[nodiscard]] SipTlsConnection& connection() noexcept { return connection_; }

 private:
  // Sends one request and waits for its final response.
  sip::Message transact(const OutgoingRequest& request, const std::optional<std::string>& authorization,
                        Deadline deadline);
  // Answers a request from the server; NOTIFYs are queued.
  void on_request(sip::Message request, Deadline deadline);

  SipTlsConnection& connection_;
  std::chrono::milliseconds timeout_;
  std::deque<sip::Message> notifies_;
  bool interrupted_ = false;
};

}  // namespace credsvc::ua
