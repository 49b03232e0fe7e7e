#include "uas/uas_core.hpp"

#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "sip/request_validation.hpp"
#include "txn/transaction_key.hpp"
#include "uas/raw_response.hpp"
#include "uas/sip_metrics.hpp"

namespace credsvc::uas {
namespace {

constexpr std::chrono::seconds kPurgeInterval{5};
constexpr std::string_view kTooLarge = "Message too large";
constexpr std::string_view kTooManyHeaders = "Too many headers";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

bool is_sips(const sip::Uri& uri) { return uri.scheme == sip::UriScheme::Sips; }

}  // namespace

std::string new_tag() {
  std::array<unsigned char, 8> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag;
  for (const unsigned char b : random) {
    tag.push_back(kHex[b >> 4]);
    tag.push_back(kHex[b & 0x0f]);
  }
  return tag;
}

UasCore::UasCore(boost::asio::any_io_executor executor, UasOptions options, transport::FlowTable& flows)
    : executor_(executor),
      options_(std::move(options)),
      flows_(flows),
      server_(std::make_shared<txn::ServerTransactions>(options_.transactions)),
      client_(executor, options_.timer_f),
      purge_timer_(executor) {}

UasCore::~UasCore() = default;

void UasCore::register_package(const std::string& name, std::shared_ptr<EventPackage> package) {
  packages_[name] = std::move(package);
}

void UasCore::on_flow_closed(std::function<void(transport::FlowId)> observer) {
  close_observers_.push_back(std::move(observer));
}

void UasCore::start() { arm_purge(); }

void UasCore::stop() {
  stopped_ = true;
  purge_timer_.cancel();
}

void UasCore::arm_purge() {
  purge_timer_.expires_after(kPurgeInterval);
  purge_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock(); self && !self->stopped_) {
      self->server_->purge(txn::ServerTransactions::Clock::now());
      self->arm_purge();
    }
  });
}

std::string UasCore::allow_header() const {
  return invite_handler_ ? "INVITE, ACK, CANCEL, OPTIONS, SUBSCRIBE, PUBLISH" : "ACK, CANCEL, OPTIONS, SUBSCRIBE, PUBLISH";
}

void UasCore::set_invite_handler(std::function<void(const std::shared_ptr<ServerTransaction>&)> handler) {
  invite_handler_ = std::move(handler);
}

std::string UasCore::allow_events_header() const {
  std::vector<std::string> names;
  for (const auto& [name, p] : packages_) names.push_back(name);
  return join(names);
}

void UasCore::on_connected(const std::shared_ptr<transport::Connection>& connection) {
  spdlog::debug("TLS connection {} from {} (domain {})", connection->id(), connection->remote_text(),
                connection->domain());
}

void UasCore::on_message(const std::shared_ptr<transport::Connection>& connection, std::string message) {
  sip::ParseLimits limits;
  limits.max_headers = options_.limits.max_headers;
  auto parsed = sip::parse_message(std::string_view(message), limits);
  if (!parsed.ok()) {
    const int status = parsed.response_status();
    spdlog::debug("unparseable message from {}: {}", connection->remote_text(), parsed.reason);
    count_unparseable();
    if (status != 0) {
      if (auto response = response_to_raw_request(message, status, parsed.reason)) connection->send(std::move(*response));
    }
    // Past the header limit, or unframeable: this peer is done (the transport
    // limits end the offending connection).
    if (parsed.kind == sip::ParseErrorKind::Unframeable || parsed.reason == kTooManyHeaders) connection->close();
    return;
  }
  if (parsed.msg.is_response()) {
    if (!client_.on_response(parsed.msg)) {
      spdlog::debug("stray response {} from {} (Call-ID {})", parsed.msg.status(), connection->remote_text(),
                    parsed.msg.call_id().value_or("-"));
    }
    return;
  }
  handle_request(connection, std::move(parsed.msg));
}

void UasCore::on_unframeable(const std::shared_ptr<transport::Connection>& connection, std::string_view received,
                             std::string_view reason) {
  // The header block is complete in every case but a negative or
  // non-numeric length (RFC 4475 ncl), which is closed without a word.
  int status = 0;
  std::string_view phrase;
  if (reason == kTooLarge) {
    status = 513;  // RFC 3261 §21.5.14
    phrase = "Message Too Large";
  } else if (reason == "Duplicate Content-Length") {
    status = 400;  // RFC 4475 mcl01
    phrase = "Multiple Content-Length headers";
  } else if (reason == "Missing Content-Length") {
    status = 400;  // RFC 3261 §18.3: mandatory on a stream
    phrase = "Missing Content-Length header";
  }
  if (status != 0) {
    if (auto response = response_to_raw_request(received, status, phrase)) connection->send(std::move(*response));
  }
}

void UasCore::on_closed(const transport::Connection& connection) {
  spdlog::debug("connection {} to {} closed", connection.id(), connection.remote_text());
  flows_.remove(connection.id());
  client_.on_flow_closed(connection.id());
  for (const auto& observer : close_observers_) observer(connection.id());
}

void UasCore::handle_request(const std::shared_ptr<transport::Connection>& connection, sip::Message request) {
  const auto key = txn::server_transaction_key(request);
  if (!key) return;  // no Via: there is nowhere to send an answer
  // ACK only ever acknowledges our final response to an INVITE: absorbed.
  if (request.method() == sip::Method::Ack) return;

  const auto begin = server_->begin(*key, txn::ServerTransactions::Clock::now());
  switch (begin.disposition) {
    case txn::ServerTransactions::Disposition::in_progress:
      return;
    case txn::ServerTransactions::Disposition::answered:
      connection->send(begin.response);
      return;
    case txn::ServerTransactions::Disposition::overloaded:
      connection->send(sip::make_response(request, 503, "Service Unavailable").add("Retry-After", "5").build());
      return;
    case txn::ServerTransactions::Disposition::fresh:
      break;
  }
  count_request(request);
  dispatch(std::make_shared<ServerTransaction>(std::move(request), connection, *key, server_, new_tag()));
}

void UasCore::dispatch(const std::shared_ptr<ServerTransaction>& txn) {
  const sip::Message& req = txn->request();

  // RFC 3261 §8.2.1: an unknown method first (RFC 4475 mismatch02: 501
  // even when CSeq disagrees).
  if (req.method() == sip::Method::Extension) {
    txn->respond(501, "Not Implemented");
    return;
  }
  // §8.2.2: mandatory headers and their syntax.
  const auto check = sip::validate_request(req);
  if (!check.ok) {
    txn->respond(400, check.reason);
    return;
  }
  if (options_.max_forwards_zero_is_483 && req.max_forwards() && *req.max_forwards() == 0) {
    txn->respond(483, "Too Many Hops");
    return;
  }
  // §8.2.2.1: Request-URI and To schemes.
  if (!req.request_uri().is_sip()) {
    txn->respond(txn->response(416, "Unsupported URI Scheme"));
    return;
  }
  if (const auto* to = req.to(); to != nullptr && !to->uri.is_sip() && to->uri.scheme != sip::UriScheme::Tel) {
    txn->respond(416, "Unsupported URI Scheme in To");
    return;
  }

  switch (req.method()) {
    case sip::Method::Options:
    case sip::Method::Subscribe:
    case sip::Method::Publish:
      break;
    case sip::Method::Invite:
      if (invite_handler_) break;
      txn->respond(txn->response(405, "Method Not Allowed").add("Allow", allow_header()));
      return;
    case sip::Method::Cancel:
      // Non-INVITE transactions are answered without a provisional phase, so
      // there is never one left to cancel (§9.2).
      txn->respond(481, "Call/Transaction Does Not Exist");
      return;
    default:
      txn->respond(txn->response(405, "Method Not Allowed").add("Allow", allow_header()));
      return;
  }

  // §8.2.2.3: extensions the UAC requires.
  const auto required = req.require();
  if (!required) {
    txn->respond(400, required.error());
    return;
  }
  std::vector<std::string> unsupported;
  for (const auto& tag : *required) {
    if (std::find(options_.supported.begin(), options_.supported.end(), tag) == options_.supported.end()) {
      unsupported.push_back(tag);
    }
  }
  if (!unsupported.empty()) {
    txn->respond(txn->response(420, "Bad Extension").add("Unsupported", join(unsupported)));
    return;
  }

  if (req.method() == sip::Method::Options) {
    answer_options(txn);
    return;
  }
  if (req.method() == sip::Method::Invite) {
    invite_handler_(txn);
    return;
  }

  if (req.method() == sip::Method::Subscribe) {
    const auto contacts = req.contacts();
    if (!contacts) {
      txn->respond(400, contacts.error());
      return;
    }
    if (contacts->contacts.size() != 1) {
      txn->respond(400, contacts->contacts.empty() ? "Missing Contact header" : "More than one Contact");
      return;
    }
    // RFC 3261 §8.1.1.8, RFC 5630 §5.1.1.2: a SIPS request makes a SIPS
    // dialog; a non-SIPS Contact cannot be honoured.
    if (is_sips(req.request_uri()) && !is_sips(contacts->contacts.front().uri)) {
      txn->respond(txn->response(480, "Temporarily Unavailable")
                       .add("Warning", "381 " + (txn->connection()->domain().empty() ? std::string("credsvc")
                                                                                   : txn->connection()->domain()) +
                                           " \"SIPS Required\""));
      return;
    }
  }

  // RFC 6665 §8.2.1 / RFC 3903 §6: the Event header picks the package.
  const auto event = req.event();
  if (!event) {
    txn->respond(400, event.error());
    return;
  }
  const auto package = event->has_value() ? packages_.find((*event)->type) : packages_.end();
  if (package == packages_.end()) {
    auto response = txn->response(489, "Bad Event");
    if (!packages_.empty()) response.add("Allow-Events", allow_events_header());
    txn->respond(response);
    return;
  }

  if (req.method() == sip::Method::Subscribe) {
    package->second->on_subscribe(txn, **event);
  } else {
    package->second->on_publish(txn, **event);
  }
}

void UasCore::answer_options(const std::shared_ptr<ServerTransaction>& txn) {
  std::vector<std::string> accept{"multipart/mixed"};
  for (const auto& [name, p] : packages_) {
    for (auto& t : p->media_types()) {
      if (std::find(accept.begin(), accept.end(), t) == accept.end()) accept.push_back(std::move(t));
    }
  }
  auto response = txn->response(200, "OK");
  response.add("Allow", allow_header()).add("Accept", join(accept));
  if (!packages_.empty()) response.add("Allow-Events", allow_events_header());
  if (!options_.supported.empty()) response.add("Supported", join(options_.supported));
  txn->respond(response);
}

}  // namespace credsvc::uas
