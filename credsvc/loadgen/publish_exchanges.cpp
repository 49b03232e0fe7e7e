#include "loadgen/publish_exchanges.hpp"

#include "loadgen/exchange_expiry.hpp"

#include <optional>

#include "ua/digest_client.hpp"

namespace credsvc::loadgen {

std::string PublishExchanges::begin(std::uint64_t tag, std::size_t connection, const ua::PublishSpec& spec, const ua::DigestLogin& login,
                                    RequestIds& ids, const ua::LocalAddress& local, Clock::time_point started) {
  Entry e;
  e.tag = tag;
  e.connection = connection;
  e.started = started;
  e.request = ua::make_publish(spec, ids.call_id(), ids.tag(), 1);
  e.login = &login;
  std::string bytes = ua::serialize_request(e.request, local, ids.branch(), std::nullopt);
  std::string key = e.request.call_id;
  entries_.insert_or_assign(std::move(key), std::move(e));
  return bytes;
}

PublishExchanges::Outcome PublishExchanges::on_response(const sip::Message& response, RequestIds& ids,
                                                        const ua::LocalAddress& local) {
  Outcome out;
  const auto call_id = response.call_id();
  const auto* cseq = response.cseq();
  if (!response.is_response() || !call_id || cseq == nullptr || cseq->method != sip::Method::Publish) return out;
  const auto it = entries_.find(*call_id);
  if (it == entries_.end() || cseq->number != it->second.request.cseq) return out;  // stale
  Entry& e = it->second;
  out.tag = e.tag;
  out.connection = e.connection;
  out.started = e.started;
  const int status = response.status();
  if (status < 200) {
    out.kind = Kind::pending;
    return out;
  }
  if (status == 401 && !e.challenged) {
    const auto challenges = response.www_authenticate();
    const auto chosen = challenges ? ua::choose_challenge(*challenges)
                                   : sip::Result<ua::DigestChallenge>::failure(challenges.error());
    if (chosen) {
      // RFC 3261 §22.2: the same Call-ID, CSeq incremented.
      e.challenged = true;
      ++e.request.cseq;
      // Unique per run and request (the run prefix is random); a benchmark
      // needs no more from the cnonce.
      const std::string cnonce = ids.tag();
      ua::DigestAnswer answer;
      answer.username = e.login->username;
      answer.password = e.login->password;
      answer.method = e.request.method;
      answer.digest_uri = e.request.request_uri;
      answer.cnonce = cnonce;
      answer.nc = 1;
      out.kind = Kind::resend;
      out.bytes = ua::serialize_request(e.request, local, ids.branch(), ua::authorization_value(*chosen, answer));
      return out;
    }
    out.error = "challenge";
  } else if (status >= 200 && status < 300) {
    out.kind = Kind::done;
    const auto etag = response.sip_etag();
    if (etag && *etag) out.etag = **etag;
    entries_.erase(it);
    return out;
  } else {
    out.error = "status_" + std::to_string(status);
  }
  out.kind = Kind::failed;
  entries_.erase(it);
  return out;
}

void PublishExchanges::expire(Clock::time_point cutoff,
                               const std::function<void(std::uint64_t, std::size_t)>& expired) {
  expire_started_before(entries_, cutoff, expired);
}

}  // namespace credsvc::loadgen
