#include "http/https_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "http/https_session.hpp"
#include "http/server_state.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
using boost::system::error_code;

// The acceptor lives on a strand: the accept loop and stop() touch it only there.
struct HttpsServer::Acceptor : std::enable_shared_from_this<Acceptor> {
  Acceptor(asio::io_context& i, ContextSource c, std::shared_ptr<ServerState> s)
      : io(i), acceptor(asio::make_strand(i)), contexts(std::move(c)), state(std::move(s)) {}

  void accept_next();
  void admit(asio::ip::tcp::socket socket);

  asio::io_context& io;
  asio::ip::tcp::acceptor acceptor;
  const ContextSource contexts;
  const std::shared_ptr<ServerState> state;
};

HttpsServer::HttpsServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint, ContextSource contexts,
                         HttpLimits limits)
    : state_(std::make_shared<ServerState>(limits)) {
  if (!contexts) throw std::invalid_argument("HTTPS server needs a TLS context source");
  acceptor_ = std::make_shared<Acceptor>(io, std::move(contexts), state_);
  auto& a = acceptor_->acceptor;
  const auto where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  error_code ec;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::system_error(ec, "HTTPS: cannot listen on " + where);
}

HttpsServer::~HttpsServer() { stop(); }

void HttpsServer::route(Verb verb, std::string path, PathMatch match, Handler handler) {
  if (started_) throw std::logic_error("HTTPS routes must be registered before the server starts");
  state_->router.add(verb, std::move(path), match, std::move(handler));
}

void HttpsServer::route(Verb verb, std::string path, PathMatch match, AwaitableHandler handler) {
  if (started_) throw std::logic_error("HTTPS routes must be registered before the server starts");
  state_->router.add(verb, std::move(path), match, std::move(handler));
}

void HttpsServer::request_client_certificates(const std::string& ca_pem) {
  if (started_) throw std::logic_error("HTTPS client certificates must be requested before the server starts");
  state_->client_certificate_request = std::make_shared<const transport::ClientCertificateRequest>(ca_pem);
}

void HttpsServer::start() {
  if (started_) return;
  started_ = true;
  asio::dispatch(acceptor_->acceptor.get_executor(), [a = acceptor_] { a->accept_next(); });
}

void HttpsServer::stop() {
  std::vector<std::shared_ptr<HttpsSession>> open;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopped) return;
    // From here on the accept loop admits no one, even before the close below runs.
    state_->stopped = true;
    for (const auto& [id, weak] : state_->sessions) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  asio::dispatch(acceptor_->acceptor.get_executor(), [a = acceptor_] {
    error_code ignored;
    a->acceptor.close(ignored);
  });
  for (const auto& s : open) s->close();
}

asio::ip::tcp::endpoint HttpsServer::local_endpoint() const {
  error_code ec;
  return acceptor_->acceptor.local_endpoint(ec);
}

HttpsServer::Stats HttpsServer::stats() const {
  Stats s;
  s.connections_accepted = state_->accepted.load();
  s.connections_refused = state_->refused.load();
  s.requests = state_->requests.load();
  std::lock_guard lock(state_->mutex);
  s.open_connections = state_->open;
  return s;
}

void HttpsServer::Acceptor::accept_next() {
  acceptor.async_accept(asio::make_strand(io), [self = shared_from_this()](const error_code& ec,
                                                                           asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
    if (ec) {
      // EMFILE and the like: log, then keep accepting.
      spdlog::warn("HTTPS accept failed: {}", ec.message());
    } else {
      self->admit(std::move(socket));
    }
    self->accept_next();
  });
}

void HttpsServer::Acceptor::admit(asio::ip::tcp::socket socket) {
  error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  const auto address = remote.address();
  std::uint64_t id = 0;
  {
    std::lock_guard lock(state->mutex);
    auto& count = state->per_address[address];
    if (state->stopped || state->open >= state->limits.max_connections ||
        count >= state->limits.max_connections_per_address) {
      if (count == 0) state->per_address.erase(address);
      if (!state->stopped) {
        ++state->refused;
        spdlog::info("HTTPS: refusing connection from {}: connection limit reached", address.to_string());
      }
      socket.close(ec);
      return;
    }
    ++count;
    ++state->open;
    id = ++state->next_id;
  }
  ++state->accepted;
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  std::shared_ptr<HttpsSession> session;
  try {
    auto current = contexts();
    if (!current) throw std::runtime_error("no TLS contexts");
    // From here the session owns the slot counted above.
    session = std::make_shared<HttpsSession>(std::move(socket), std::move(current), state, id, address);
  } catch (const std::exception& e) {
    spdlog::error("HTTPS: cannot start a connection from {}: {}", address.to_string(), e.what());
    if (!session) {
      std::lock_guard lock(state->mutex);
      --state->open;
      if (--state->per_address[address] == 0) state->per_address.erase(address);
    }
    return;
  }
  bool stopping = false;
  {
    std::lock_guard lock(state->mutex);
    state->sessions.emplace(id, session);
    stopping = state->stopped;  // stop() ran while this connection was being set up
  }
  session->start();
  if (stopping) session->close();
}

}  // namespace credsvc::http
