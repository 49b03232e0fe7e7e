#include "test_ua.hpp"

#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string_view>

#include "digest_answer.hpp"
#include "sip/parser.hpp"

namespace credsvc::testing::events {
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

sip::Message parse_sip(const std::string& wire) {
  auto parsed = sip::parse_message(wire);
  if (!parsed.ok()) throw std::runtime_error("unparsable SIP message (" + parsed.reason + "): " + wire.substr(0, 200));
  return parsed.msg;
}

std::string header_value(const sip::Message& msg, std::string_view name) {
  return std::string(msg.header(name).value_or(""));
}

std::string unique_token(std::string_view prefix) {
  static std::atomic<unsigned> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "x" + std::to_string(++counter);
}

TestUa::TestUa(UaOptions options) : options_(std::move(options)) {
  if (options_.from_uri.empty()) {
    options_.from_uri = "sip:" + (options_.user.empty() ? std::string("watcher") : options_.user) + "@example.test";
  }
  TlsClientOptions o;
  o.port = options_.port;
  o.ca_file = options_.ca_file;
  o.server_name = options_.server_name;
  client_ = std::make_unique<TlsClient>(o);
}

TestUa::~TestUa() = default;

Dialog TestUa::new_dialog(const std::string& uri) const {
  Dialog d;
  d.request_uri = uri;
  d.to_uri = uri;
  d.from_value = "<" + options_.from_uri + ">;tag=" + unique_token("ft");
  d.call_id = unique_token("call-") + "@ua.test";
  return d;
}

std::string TestUa::build(const Dialog& d, const OutRequest& r, const std::string& branch,
                          const std::string& authorization) const {
  std::string m = r.method + " " + d.request_uri + " SIP/2.0\r\n";
  m += "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=" + branch + "\r\n";
  m += "Max-Forwards: 70\r\n";
  m += "To: <" + d.to_uri + ">" + (d.remote_tag.empty() ? "" : ";tag=" + d.remote_tag) + "\r\n";
  m += "From: " + d.from_value + "\r\n";
  m += "Call-ID: " + d.call_id + "\r\n";
  m += "CSeq: " + std::to_string(d.cseq) + " " + r.method + "\r\n";
  if (r.method == "SUBSCRIBE") {
    // RFC 5630 §4.1: a SIPS request carries a SIPS Contact (and no one
    // uses the deprecated transport=tls); NOTIFYs come back on this connection.
    m += d.request_uri.starts_with("sips:") ? "Contact: <sips:ua@127.0.0.1:5999>\r\n"
                                            : "Contact: <sip:ua@127.0.0.1:5999>\r\n";
  }
  if (!r.event.empty()) m += "Event: " + r.event + "\r\n";
  if (r.expires) m += "Expires: " + std::to_string(*r.expires) + "\r\n";
  m += authorization;
  m += r.extra_headers;
  if (!r.content_type.empty()) m += "Content-Type: " + r.content_type + "\r\n";
  m += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
  m += r.body;
  return m;
}

sip::Message TestUa::send(Dialog& dialog, const OutRequest& request) {
  const auto deadline = SteadyClock::now() + 10s;
  ++dialog.cseq;
  std::string branch = unique_token("z9hG4bKua");
  client_->send(build(dialog, request, branch, {}));
  auto response = wait_response(branch, deadline);
  if (response && response->status() == 401 && !options_.user.empty()) {
    // RFC 3261 §22.2: the retry is a new transaction with a higher CSeq.
    const std::string authz = authorization(*response, request.method, dialog.request_uri);
    ++dialog.cseq;
    branch = unique_token("z9hG4bKua");
    client_->send(build(dialog, request, branch, authz));
    response = wait_response(branch, deadline);
  }
  if (!response) throw std::runtime_error(request.method + ": no final response within 10 s");
  if (request.method == "SUBSCRIBE" && response->status() / 100 == 2 && dialog.remote_tag.empty() &&
      response->to() && response->to()->tag()) {
    dialog.remote_tag = std::string(*response->to()->tag());
  }
  return *response;
}

std::string TestUa::authorization(const sip::Message& challenge, const std::string& method, const std::string& uri) {
  DigestAnswerInput in;
  in.user = options_.user;
  in.password = options_.password;
  in.method = method;
  in.uri = uri;
  in.nc = ++nonce_count_;  // counts up across challenges: never a replay
  in.cnonce = unique_token("cn");
  return digest_authorization(challenge, in);
}

std::optional<sip::Message> TestUa::wait_response(const std::string& branch, SteadyClock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return std::nullopt;
    auto response = receive_one(left);
    if (!response) continue;
    const auto* via = response->top_via();
    if (via == nullptr || via->branch() != branch) continue;  // a stray response
    if (response->status() >= 200) {
      last_response_sequence_ = received_;
      return response;
    }
  }
}

std::optional<sip::Message> TestUa::receive_one(std::chrono::milliseconds timeout) {
  const auto raw = client_->receive(timeout);
  if (!raw || *raw == "\r\n") return std::nullopt;
  auto msg = parse_sip(*raw);
  ++received_;
  if (msg.is_response()) return msg;
  // A request from the server: answer it at once with our Via, From, To,
  // Call-ID and CSeq copied (RFC 3261 §8.2.6.2).
  const int status = msg.method_name() == "NOTIFY" ? notify_status_ : 405;
  std::string answer = "SIP/2.0 " + std::to_string(status) + (status == 200   ? " OK"
                                                               : status == 481 ? " Call/Transaction Does Not Exist"
                                                                               : " Refused") + "\r\n";
  for (const auto& f : msg.fields()) {
    if (f.id == sip::HeaderId::Via || f.id == sip::HeaderId::From || f.id == sip::HeaderId::To ||
        f.id == sip::HeaderId::CallId || f.id == sip::HeaderId::CSeq) {
      answer += std::string(f.name) + ": " + std::string(f.value) + "\r\n";
    }
  }
  answer += "Content-Length: 0\r\n\r\n";
  if (status != 0) client_->send(answer);  // 0: a UA that never answers (NOTIFY timeout tests)
  if (msg.method_name() == "NOTIFY") notifies_.push_back(ReceivedNotify{msg, *raw, SteadyClock::now(), received_});
  return std::nullopt;
}

std::optional<ReceivedNotify> TestUa::next_notify(std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  while (notifies_.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return std::nullopt;
    receive_one(left);  // responses arriving now belong to no one: dropped
  }
  auto n = std::move(notifies_.front());
  notifies_.pop_front();
  return n;
}

sip::Message TestUa::subscribe(const std::string& uri, const std::string& event,
                               std::optional<std::uint32_t> expires, Dialog* dialog,
                               const std::string& extra_headers) {
  Dialog local;
  Dialog& d = dialog ? *dialog : local;
  d = new_dialog(uri);
  return send(d, OutRequest{"SUBSCRIBE", event, expires, extra_headers, {}, {}});
}

sip::Message TestUa::refresh(Dialog& dialog, const std::string& event, std::uint32_t expires) {
  return send(dialog, OutRequest{"SUBSCRIBE", event, expires, {}, {}, {}});
}

sip::Message TestUa::publish(const std::string& uri, std::optional<std::uint32_t> expires,
                             const std::string& content_type, const std::string& body,
                             const std::string& extra_headers) {
  Dialog d = new_dialog(uri);
  return send(d, OutRequest{"PUBLISH", "credential", expires, extra_headers, content_type, body});
}

}  // namespace credsvc::testing::events
