#include "http/https_session.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <array>
#include <mutex>
#include <optional>

#include "certs/error.hpp"
#include "http/http_metrics.hpp"
#include "http/json_response.hpp"
#include "http/request_target.hpp"
#include "http/responder.hpp"
#include "metrics/connection_metrics.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::size_t kReadChunk = 8 * 1024;
// How long closing (TLS close_notify, then draining what the client still
// sends so our last response is not lost to a reset) may take.
constexpr std::chrono::milliseconds kCloseGrace{2'000};

std::string endpoint_text(const asio::ip::tcp::endpoint& ep) {
  const auto addr = ep.address();
  return (addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string()) + ":" + std::to_string(ep.port());
}

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

// The answer to a request that could not be read, or none when the client
// simply went away.
std::optional<Response> rejection(const error_code& ec, bool timed_out, const HttpLimits& limits) {
  using errc = beast_http::error;
  if (timed_out) {
    return make_json_error(Status::request_timeout, "request_timeout",
                           "request not received within " + std::to_string(limits.request_timeout.count()) + " ms");
  }
  if (ec == errc::header_limit) {
    return make_json_error(Status::request_header_fields_too_large, "header_too_large",
                           "request header exceeds " + std::to_string(limits.max_header_size) + " bytes");
  }
  if (ec == errc::body_limit) {
    return make_json_error(Status::payload_too_large, "body_too_large",
                           "request body exceeds " + std::to_string(limits.max_body_size) + " bytes");
  }
  if (ec == errc::end_of_stream || ec == errc::partial_message) return std::nullopt;
  if (ec.category() == beast_http::make_error_code(errc::bad_method).category()) {
    return make_json_error(Status::bad_request, "bad_request", "malformed HTTP request: " + ec.message());
  }
  return std::nullopt;  // EOF, reset, TLS alert, closed by stop()
}

// What the TLS handshake proved of the client (a certificate verified by the
// domain's client CAs), for handlers that authenticate by it, and the chain
// it presented, for those that verify it against CAs of their own.
void set_client_identity(SSL* ssl, RequestContext& context) {
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer != nullptr) {
    try {
      context.client_chain.push_back(certs::Certificate::from_native(peer));
      // On the server side the peer's chain leaves out its certificate.
      if (const STACK_OF(X509)* rest = SSL_get_peer_cert_chain(ssl)) {
        for (int i = 0; i < sk_X509_num(rest); ++i) {
          context.client_chain.push_back(certs::Certificate::from_native(sk_X509_value(rest, i)));
        }
      }
    } catch (const certs::Error& e) {
      spdlog::debug("HTTPS: client certificate from {} unusable: {}", context.remote.address().to_string(), e.what());
      context.client_chain.clear();
    }
  }
  context.client_verified = peer != nullptr && SSL_get_verify_result(ssl) == X509_V_OK;
  if (!context.client_verified) return;
  std::array<char, 512> subject{};
  X509_NAME_oneline(X509_get_subject_name(peer), subject.data(), static_cast<int>(subject.size()));
  context.client_subject = subject.data();
}

}  // namespace

// The answer a Responder-style handler gives, handed back to the waiting
// coroutine on its strand. The first of the handler and the handler timeout wins.
struct HttpsSession::PendingAnswer {
  explicit PendingAnswer(asio::any_io_executor s) : strand(std::move(s)) {}

  // False when an answer was already given.
  bool complete(Response response) {
    std::optional<asio::any_completion_handler<void(Response)>> taken;
    {
      std::lock_guard lock(mutex);
      if (done) return false;
      done = true;
      taken.swap(waiting);
    }
    if (taken) {
      asio::post(strand, [h = std::move(*taken), r = std::move(response)]() mutable { std::move(h)(std::move(r)); });
    }
    return true;
  }
  bool answered() {
    std::lock_guard lock(mutex);
    return done;
  }

  std::mutex mutex;
  bool done = false;
  std::optional<asio::any_completion_handler<void(Response)>> waiting;
  asio::any_io_executor strand;
};

HttpsSession::HttpsSession(asio::ip::tcp::socket socket, std::shared_ptr<const transport::TlsContexts> contexts,
                           std::shared_ptr<ServerState> state, std::uint64_t id, asio::ip::address address)
    : strand_(socket.get_executor()),
      stream_(std::move(socket), contexts->server_context()),
      contexts_(std::move(contexts)),
      state_(std::move(state)),
      id_(id),
      address_(address),
      timer_(strand_) {
  if (state_->client_certificate_request) state_->client_certificate_request->apply(stream_.native_handle());
  error_code ec;
  remote_ = stream_.next_layer().remote_endpoint(ec);
  remote_text_ = ec ? std::string("unknown") : endpoint_text(remote_);
}

HttpsSession::~HttpsSession() {
  std::lock_guard lock(state_->mutex);
  --state_->open;
  if (--state_->per_address[address_] == 0) state_->per_address.erase(address_);
  state_->sessions.erase(id_);
}

void HttpsSession::start() { asio::co_spawn(strand_, run(shared_from_this()), asio::detached); }

void HttpsSession::close() {
  asio::dispatch(strand_, [self = shared_from_this()] { self->close_now(); });
}

void HttpsSession::close_now() {
  if (closed_) return;
  closed_ = true;
  disarm();
  // A handler still working is answered for it, so the session can end.
  if (const auto pending = pending_answer_.lock()) {
    pending->complete(make_json_error(Status::service_unavailable, "closing", "the server is closing"));
  }
  error_code ignored;
  stream_.next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.next_layer().close(ignored);
}

void HttpsSession::arm(std::chrono::milliseconds after, OnExpiry action) {
  const auto generation = ++timer_generation_;
  timed_out_ = false;
  timer_.expires_after(after);
  timer_.async_wait([weak = weak_from_this(), generation, action](const error_code& ec) {
    if (ec) return;
    const auto self = weak.lock();
    // A completion already queued when the timer was re-armed is stale.
    if (!self || self->timer_generation_ != generation) return;
    self->timed_out_ = true;
    switch (action) {
      case OnExpiry::close:
        self->close_now();
        break;
      case OnExpiry::cancel: {
        error_code ignored;
        self->stream_.next_layer().cancel(ignored);
        break;
      }
      case OnExpiry::answer:
        if (const auto pending = self->pending_answer_.lock()) {
          pending->complete(make_json_error(Status::service_unavailable, "handler_timeout",
                                            "the request was not answered in time"));
        }
        break;
    }
  });
}

void HttpsSession::disarm() {
  ++timer_generation_;
  timer_.cancel();
}

asio::awaitable<void> HttpsSession::run(std::shared_ptr<HttpsSession> self) {
  try {
    co_await self->serve();
  } catch (const std::exception& e) {
    spdlog::warn("HTTPS connection {}: {}", self->remote_text_, e.what());
  }
  self->close_now();
}

asio::awaitable<void> HttpsSession::serve() {
  const HttpLimits& limits = state_->limits;
  error_code ec;

  arm(limits.handshake_timeout, OnExpiry::close);
  co_await stream_.async_handshake(Stream::server, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    spdlog::debug("HTTPS: TLS handshake with {} failed: {}", remote_text_, timed_out_ ? "timed out" : ec.message());
    metrics::count_handshake("https", transport::TlsContexts::domain_of(stream_.native_handle()),
                             timed_out_ ? "timeout" : "failed");
    co_return;
  }
  RequestContext connection_context;
  connection_context.remote = remote_;
  connection_context.domain = transport::TlsContexts::domain_of(stream_.native_handle());
  metrics::count_handshake("https", connection_context.domain, "ok");
  metrics::OpenConnection open_metric;
  open_metric.hold("https", connection_context.domain);
  set_client_identity(stream_.native_handle(), connection_context);

  boost::beast::flat_buffer buffer(limits.max_header_size + limits.max_body_size + kReadChunk);
  for (std::size_t served = 0;;) {
    if (buffer.size() == 0) {
      // Between requests: wait for the next one's first bytes. The first
      // request must come within the request timeout, later ones within
      // the keep-alive idle timeout.
      arm(served == 0 ? limits.request_timeout : limits.idle_timeout, OnExpiry::cancel);
      const std::size_t n =
          co_await stream_.async_read_some(buffer.prepare(kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (timed_out_) {
          spdlog::debug("HTTPS connection {} idle, closing", remote_text_);
          co_await graceful_close();
        }
        co_return;
      }
      buffer.commit(n);
    }

    arm(limits.request_timeout, OnExpiry::cancel);
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(limits.max_header_size, UINT32_MAX)));
    parser.body_limit(static_cast<std::uint64_t>(limits.max_body_size));
    // The deadline may pass just as an operation completes, with nothing
    // left to cancel: then the next step must not start.
    auto check_deadline = [&] {
      if (!ec && timed_out_) ec = asio::error::timed_out;
    };
    co_await beast_http::async_read_header(stream_, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    check_deadline();
    if (!ec && !parser.is_done() &&
        boost::beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
      // RFC 9110 §10.1.1: the body is acceptable (its size passed the limit).
      beast_http::response<beast_http::empty_body> go_on{Status::continue_, parser.get().version()};
      co_await beast_http::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, ec));
      check_deadline();
    }
    if (!ec && !parser.is_done()) {
      co_await beast_http::async_read(stream_, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      check_deadline();
    }
    if (ec) {
      auto answer = rejection(ec, timed_out_, limits);
      if (!answer) co_return;
      spdlog::info("HTTPS {}: {} {}", remote_text_, answer->result_int(),
                   std::string_view(answer->body()).substr(0, answer->body().find('\n')));
      answer->keep_alive(false);
      answer->set(beast_http::field::server, "credsvc");
      if (co_await write_response(*answer)) co_await graceful_close();
      co_return;
    }
    disarm();
    ++served;
    ++state_->requests;

    Request request = parser.release();
    RequestContext context = connection_context;
    Response response = co_await dispatch(request, context);

    const bool keep = request.keep_alive() && response.keep_alive() && !closed_ &&
                      (limits.max_requests_per_connection == 0 || served < limits.max_requests_per_connection);
    response.version(request.version());
    response.set(beast_http::field::server, "credsvc");
    if (request.method() == Verb::head) {
      // RFC 9110 §9.3.2: the GET headers, Content-Length included, no body.
      if (!response.body().empty() || !response.has_content_length()) {
        response.prepare_payload();
        response.body().clear();
      }
    } else {
      response.prepare_payload();
    }
    response.keep_alive(keep);
    count_request(request.method(), response.result_int());
    spdlog::debug("HTTPS {} {} {} -> {}", remote_text_, view(request.method_string()), view(request.target()),
                  response.result_int());
    if (!co_await write_response(response)) co_return;
    if (!keep) {
      co_await graceful_close();
      co_return;
    }
  }
}

asio::awaitable<Response> HttpsSession::dispatch(const Request& request, RequestContext& context) {
  auto parsed = parse_request_target(view(request.target()));
  if (const auto* bad = std::get_if<TargetError>(&parsed)) {
    co_return make_json_error(Status::bad_request, "bad_request", bad->message);
  }
  auto& target = std::get<RequestTarget>(parsed);
  context.path = std::move(target.path);
  context.query = std::move(target.query);

  auto resolution = state_->router.resolve(request.method(), context.path);
  switch (resolution.kind) {
    case Router::Resolution::Kind::not_found:
      co_return make_json_error(Status::not_found, "not_found", "no resource at " + context.path);
    case Router::Resolution::Kind::method_not_allowed: {
      auto response = make_json_error(
          Status::method_not_allowed, "method_not_allowed",
          "method " + std::string(view(request.method_string())) + " is not allowed on " + context.path);
      response.set(beast_http::field::allow, resolution.allow);
      co_return response;
    }
    case Router::Resolution::Kind::found:
      break;
  }
  context.path_rest = std::move(resolution.path_rest);
  if (const auto* handler = std::get_if<Handler>(resolution.handler)) {
    co_return co_await call_handler(*handler, request, context);
  }
  const auto& awaitable_handler = std::get<AwaitableHandler>(*resolution.handler);
  std::optional<Response> answer;
  try {
    answer = co_await awaitable_handler(request, context);
  } catch (const std::exception& e) {
    spdlog::error("HTTPS handler for {} failed: {}", context.path, e.what());
  }
  if (!answer) co_return make_json_error(Status::internal_server_error, "internal_error", "the request failed");
  co_return std::move(*answer);
}

asio::awaitable<Response> HttpsSession::call_handler(const Handler& handler, const Request& request,
                                                     const RequestContext& context) {
  auto pending = std::make_shared<PendingAnswer>(strand_);
  pending_answer_ = pending;
  arm(state_->limits.handler_timeout, OnExpiry::answer);
  Response response = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(
      [&](auto completion) {
        {
          std::lock_guard lock(pending->mutex);
          pending->waiting.emplace(std::move(completion));
        }
        const auto responder = Responder::make([pending](Response r) { return pending->complete(std::move(r)); },
                                               [pending] { return pending->answered(); });
        try {
          handler(request, context, responder);
        } catch (const std::exception& e) {
          spdlog::error("HTTPS handler for {} failed: {}", context.path, e.what());
          responder.send_error(Status::internal_server_error, "internal_error", "the request failed");
        }
      },
      asio::use_awaitable);
  disarm();
  pending_answer_.reset();
  co_return response;
}

asio::awaitable<bool> HttpsSession::write_response(Response& response) {
  error_code ec;
  arm(state_->limits.write_timeout, OnExpiry::close);
  co_await beast_http::async_write(stream_, response, asio::redirect_error(asio::use_awaitable, ec));
  disarm();
  if (ec) spdlog::debug("HTTPS {}: response not delivered: {}", remote_text_, ec.message());
  co_return !ec;
}

asio::awaitable<void> HttpsSession::graceful_close() {
  if (closed_) co_return;
  error_code ec;
  arm(kCloseGrace, OnExpiry::close);
  co_await stream_.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
  if (ec && !closed_) {
    // The client is still sending (an oversized body, say): stop writing, and
    // read and drop its bytes until it closes or the grace period ends, so
    // that the kernel does not answer them with a reset that would destroy
    // the response in flight.
    error_code ignored;
    stream_.next_layer().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    std::array<char, kReadChunk> sink{};
    while (!closed_) {
      co_await stream_.next_layer().async_read_some(asio::buffer(sink),
                                                     asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
  }
  close_now();
}

}  // namespace credsvc::http
