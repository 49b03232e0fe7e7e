// A small SIP user agent for the end-to-end tests of the event packages, over
// one real TLS connection (TlsClient): it sends SUBSCRIBE and PUBLISH,
// answers Digest challenges itself (SHA-256, qop=auth, a fresh CSeq and
// branch for the retry) and answers every NOTIFY the server sends on the same
// connection (200, or a status the test chooses), keeping them for the test.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "sip/message.hpp"
#include "tls_client.hpp"

namespace credsvc::testing::events {

struct UaOptions {
  unsigned short port = 0;
  std::string ca_file;
  std::string server_name = "example.test";
  // Digest username and password; an empty user answers no challenge.
  std::string user;
  std::string password;
  // Our address in From; default sip:<user>@example.test, or a watcher.
  std::string from_uri;
};

// The headers of one dialog (or of a request outside any) as the UA holds them.
struct Dialog {
  std::string request_uri;
  std::string to_uri;      // To without the tag
  std::string from_value;  // "<uri>;tag=..."
  std::string call_id;
  std::string remote_tag;  // the server's To tag, once a 2xx gave it
  std::uint32_t cseq = 0;  // of the last request sent
};

struct OutRequest {
  std::string method;
  std::string event;
  std::optional<std::uint32_t> expires;
  std::string extra_headers;  // whole header lines, each ending in CRLF
  std::string content_type;   // none: no Content-Type
  std::string body;
};

// A NOTIFY as the UA received it (and answered it).
struct ReceivedNotify {
  sip::Message msg;
  std::string raw;
  std::chrono::steady_clock::time_point at;
  std::uint64_t sequence = 0;  // order of arrival among all messages received
};

class TestUa {
 public:
  explicit TestUa(UaOptions options);
  ~TestUa();

  // A fresh dialog (new Call-ID and From tag) addressed to `uri`.
  Dialog new_dialog(const std::string& uri) const;

  // Sends `request` in `dialog` and returns the final response; a 401 is
  // answered with Digest once. A 2xx to SUBSCRIBE sets dialog.remote_tag.
  // Throws std::runtime_error when no final response comes in time.
  sip::Message send(Dialog& dialog, const OutRequest& request);

  // Shorthands. SUBSCRIBE outside a dialog: `dialog` receives it.
  sip::Message subscribe(const std::string& uri, const std::string& event, std::optional<std::uint32_t> expires,
                         Dialog* dialog = nullptr, const std::string& extra_headers = {});
  sip::Message refresh(Dialog& dialog, const std::string& event, std::uint32_t expires);
  sip::Message publish(const std::string& uri, std::optional<std::uint32_t> expires, const std::string& content_type,
                       const std::string& body, const std::string& extra_headers = {});

  // The next NOTIFY (already answered); nullopt when none comes in time.
  std::optional<ReceivedNotify> next_notify(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // NOTIFYs from now on are answered with `status` (200 by default).
  // 0: leave NOTIFYs unanswered.
  void answer_notifies_with(int status) { notify_status_ = status; }
  // The arrival sequence number of the last final response send() returned.
  std::uint64_t last_response_sequence() const { return last_response_sequence_; }

 private:
  std::string build(const Dialog& dialog, const OutRequest& request, const std::string& branch,
                    const std::string& authorization) const;
  std::optional<sip::Message> wait_response(const std::string& branch, std::chrono::steady_clock::time_point deadline);
  // Reads one message: answers and keeps a NOTIFY, returns a response.
  std::optional<sip::Message> receive_one(std::chrono::milliseconds timeout);
  std::string authorization(const sip::Message& challenge, const std::string& method, const std::string& uri);

  UaOptions options_;
  std::unique_ptr<TlsClient> client_;
  std::deque<ReceivedNotify> notifies_;
  int notify_status_ = 200;
  unsigned nonce_count_ = 0;
  std::uint64_t received_ = 0;
  std::uint64_t last_response_sequence_ = 0;
};

// A whole message parsed; throws std::runtime_error naming the parse fault.
sip::Message parse_sip(const std::string& wire);
// A header's value, "" when absent.
std::string header_value(const sip::Message& msg, std::string_view name);
// A branch (and tag, Call-ID) never used before in this test process.
std::string unique_token(std::string_view prefix);

}  // namespace credsvc::testing::events
