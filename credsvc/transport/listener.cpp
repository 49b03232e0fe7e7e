#include "transport/listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/strand.hpp>
#include <map>
#include <mutex>

namespace credsvc::transport {
namespace asio = boost::asio;
using boost::system::error_code;

struct Listener::State {
  std::mutex mutex;
  std::map<asio::ip::address, std::size_t> per_address;
  std::size_t total = 0;
};

namespace {

// Held by a connection for its lifetime; gives its slot back when destroyed.
struct Slot {
  Slot(std::shared_ptr<Listener::State> s, asio::ip::address a, std::shared_ptr<const TlsContexts> c)
      : state(std::move(s)), address(a), contexts(std::move(c)) {}
  Slot(const Slot&) = delete;  // exactly one release per slot
  Slot& operator=(const Slot&) = delete;
  std::shared_ptr<Listener::State> state;
  asio::ip::address address;
  std::shared_ptr<const TlsContexts> contexts;  // the set the handshake uses
  ~Slot() {
    std::lock_guard lock(state->mutex);
    --state->total;
    if (--state->per_address[address] == 0) state->per_address.erase(address);
  }
};

}  // namespace

Listener::Listener(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint, ContextSource contexts,
                   TransportLimits limits, std::shared_ptr<ConnectionHandler> handler, FlowTable& flows)
    : io_(io),
      acceptor_(io),
      retry_timer_(io),
      contexts_(std::move(contexts)),
      limits_(limits),
      handler_(std::move(handler)),
      flows_(flows),
      state_(std::make_shared<State>()) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  error_code ec;
  acceptor_.bind(endpoint, ec);
  if (ec) {
    throw std::system_error(ec, "cannot listen on " + endpoint.address().to_string() + ":" +
                                    std::to_string(endpoint.port()));
  }
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

Listener::~Listener() { stop(); }

void Listener::start() { accept_next(); }

void Listener::stop() {
  error_code ec;
  acceptor_.close(ec);
  retry_timer_.cancel();
}

asio::ip::tcp::endpoint Listener::local_endpoint() const { return acceptor_.local_endpoint(); }

std::size_t Listener::open_connections() const {
  std::lock_guard lock(state_->mutex);
  return state_->total;
}

void Listener::accept_next() {
  acceptor_.async_accept(asio::make_strand(io_), [this](const error_code& ec, asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // EMFILE and the like: log, and try again shortly rather than spin.
      spdlog::warn("accept failed: {}", ec.message());
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this](const error_code& tec) {
        if (!tec && acceptor_.is_open()) accept_next();
      });
      return;
    }
    error_code rec;
    const auto remote = socket.remote_endpoint(rec);
    if (rec) {
      accept_next();
      return;
    }
    {
      std::lock_guard lock(state_->mutex);
      auto& count = state_->per_address[remote.address()];
      if (state_->total >= limits_.max_connections || count >= limits_.max_connections_per_address) {
        if (count == 0) state_->per_address.erase(remote.address());
        spdlog::info("refusing connection from {}: connection limit reached", remote.address().to_string());
        socket.close(rec);
        accept_next();
        return;
      }
      ++count;
      ++state_->total;
    }
    auto contexts = contexts_();
    auto slot = std::make_shared<Slot>(state_, remote.address(), contexts);
    socket.set_option(asio::ip::tcp::no_delay(true), rec);
    std::shared_ptr<Connection> connection;
    try {
      connection = std::make_shared<Connection>(
          TlsSocket(std::move(socket), contexts->server_context().native_handle(), TlsSocket::Role::server),
          Connection::Role::server, flows_.next_id(), limits_, handler_, std::move(slot));
    } catch (const std::exception& e) {
      spdlog::warn("cannot start TLS with {}: {}", remote.address().to_string(), e.what());
      accept_next();
      return;
    }
    flows_.add(connection);
    connection->start();
    accept_next();
  });
}

}  // namespace credsvc::transport
