#include "loadgen/subscribe_exchanges.hpp"

#include "loadgen/exchange_expiry.hpp"

namespace credsvc::loadgen {

void SubscribeExchanges::add(std::string call_id, std::uint64_t tag, std::size_t connection,
                             Clock::time_point started) {
  entries_.insert_or_assign(std::move(call_id), Entry{tag, connection, started, std::nullopt, false, {}});
}

SubscribeExchanges::Outcome SubscribeExchanges::on_message(const sip::Message& message, Clock::time_point now) {
  Outcome out;
  const auto call_id = message.call_id();
  if (!call_id) return out;
  const auto it = entries_.find(*call_id);
  if (it == entries_.end()) return out;
  Entry& e = it->second;

  if (message.is_request()) {
    if (message.method() != sip::Method::Notify || e.notified) return out;  // later NOTIFYs: not ours to count
    e.notified = now;
    out.is_notify = true;
  } else {
    const auto* cseq = message.cseq();
    if (cseq == nullptr || cseq->method != sip::Method::Subscribe || message.status() < 200) {
      out.kind = Kind::pending;
      out.tag = e.tag;
      out.connection = e.connection;
      return out;
    }
    if (message.status() >= 300) {
      out.kind = Kind::failed;
      out.tag = e.tag;
      out.connection = e.connection;
      out.started = e.started;
      out.error = "status_" + std::to_string(message.status());
      out.call_id = it->first;
      entries_.erase(it);
      return out;
    }
    e.answered = true;
  }

  out.tag = e.tag;
  out.connection = e.connection;
  out.started = e.started;
  if (!e.answered || !e.notified) {
    out.kind = Kind::pending;
    return out;
  }
  out.notified = *e.notified;
  out.call_id = it->first;
  if (e.failure.empty()) {
    out.kind = Kind::done;
  } else {
    out.kind = Kind::failed;
    out.error = std::move(e.failure);
  }
  entries_.erase(it);
  return out;
}

void SubscribeExchanges::mark_failed(std::string_view call_id, std::string error) {
  const auto it = entries_.find(call_id);
  if (it != entries_.end() && it->second.failure.empty()) it->second.failure = std::move(error);
}

void SubscribeExchanges::fail(Outcome& out, std::string_view call_id, std::string error) {
  if (out.kind == Kind::done) {
    out.kind = Kind::failed;
    out.error = std::move(error);
  } else if (out.kind == Kind::pending) {
    mark_failed(call_id, std::move(error));
  }
}

bool SubscribeExchanges::remove(std::string_view call_id) {
  const auto it = entries_.find(call_id);
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

void SubscribeExchanges::expire(Clock::time_point cutoff,
                                 const std::function<void(std::uint64_t, std::size_t)>& expired) {
  expire_started_before(entries_, cutoff, expired);
}

}  // namespace credsvc::loadgen
