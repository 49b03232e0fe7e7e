#include "ua/user_agent.hpp"

#include <stdexcept>

#include "sip/message_builder.hpp"
#include "ua/digest_client.hpp"
#include "ua/random_token.hpp"

namespace credsvc::ua {

sip::Message UserAgent::send(OutgoingRequest& request, const DigestLogin* login) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout_;
  sip::Message response = transact(request, std::nullopt, deadline);
  if (response.status() != 401 || login == nullptr) return response;

  const auto challenges = response.www_authenticate();
  if (!challenges) throw std::runtime_error("malformed WWW-Authenticate in 401: " + challenges.error());
  const auto chosen = choose_challenge(*challenges);
  if (!chosen) throw std::runtime_error("cannot answer the server's challenge: " + chosen.error());
  // RFC 3261 §22.2: same Call-ID, CSeq incremented.
  ++request.cseq;
  const std::string cnonce = random_hex(16);
  DigestAnswer answer;
  answer.username = login->username;
  answer.password = login->password;
  answer.method = request.method;
  answer.digest_uri = request.request_uri;
  answer.cnonce = cnonce;
  answer.nc = 1;
  return transact(request, authorization_value(*chosen, answer), deadline);
}

sip::Message UserAgent::transact(const OutgoingRequest& request, const std::optional<std::string>& authorization,
                                 Deadline deadline) {
  // RFC 3261 §8.1.1.7: a fresh branch per transaction, with the magic cookie.
  const std::string branch = "z9hG4bK" + random_hex(12);
  connection_.send(serialize_request(request, connection_.local_address(), branch, authorization), deadline);
  for (;;) {
    auto received = connection_.receive(deadline);
    if (received.interrupted) {
      interrupted_ = true;
      continue;  // a transaction in progress is finished first
    }
    if (!received.message) {
      throw std::runtime_error("no response to " + request.method + " within the time limit");
    }
    sip::Message& msg = *received.message;
    if (msg.is_request()) {
      on_request(std::move(msg), deadline);
      continue;
    }
    // RFC 3261 §17.1.3: the branch and the CSeq method identify the transaction.
    const sip::Via* via = msg.top_via();
    if (via == nullptr || via->branch() != branch || msg.cseq() == nullptr ||
        msg.cseq()->method_name != request.method) {
      continue;  // a stray response
    }
    if (msg.status() < 200) continue;  // provisional
    return std::move(msg);
  }
}

void UserAgent::on_request(sip::Message request, Deadline deadline) {
  if (request.method() == sip::Method::Notify) {
    connection_.send(sip::make_response(request, 200).build(), deadline);
    notifies_.push_back(std::move(request));
    return;
  }
  if (request.method() == sip::Method::Ack) return;  // never answered (RFC 3261 §17.2.1)
  connection_.send(sip::make_response(request, 405).add(sip::HeaderId::Allow, "NOTIFY").build(), deadline);
}

std::optional<sip::Message> UserAgent::next_notify(Deadline deadline) {
  for (;;) {
    if (!notifies_.empty()) {
      sip::Message n = std::move(notifies_.front());
      notifies_.pop_front();
      return n;
    }
    if (interrupted_) return std::nullopt;
    auto received = connection_.receive(deadline);
    if (received.interrupted) {
      interrupted_ = true;
      return std::nullopt;
    }
    if (!received.message) return std::nullopt;
    if (received.message->is_request()) {
      on_request(std::move(*received.message), std::chrono::steady_clock::now() + timeout_);
    }
  }
}

}  // namespace credsvc::ua
