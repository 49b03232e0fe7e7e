#include "loadgen/client_tls.hpp"

#include <stdexcept>

#include "transport/tls_contexts.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

int slot_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

}  // namespace

ClientTls::ClientTls(const std::string& ca_pem) : ctx_(asio::ssl::context::tls_client) {
  transport::apply_tls_policy(ctx_);
  boost::system::error_code ec;
  ctx_.add_certificate_authority(asio::buffer(ca_pem), ec);
  if (ec) throw std::invalid_argument("--ca holds no usable PEM certificate (" + ec.message() + ")");
  ctx_.set_verify_mode(asio::ssl::verify_peer);
  // Sessions go to the connection's slot, not to OpenSSL's internal cache.
  SSL_CTX_set_session_cache_mode(ctx_.native_handle(), SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx_.native_handle(), &ClientTls::on_new_session);
}

void ClientTls::prepare(SSL* ssl, const std::string& server_name, SessionSlot* slot) const {
  SSL_set_tlsext_host_name(ssl, server_name.c_str());
  SSL_set1_host(ssl, server_name.c_str());
  SSL_set_ex_data(ssl, slot_index(), slot);
  if (slot != nullptr && slot->session) SSL_set_session(ssl, slot->session.get());
}

void ClientTls::detach(SSL* ssl) noexcept { SSL_set_ex_data(ssl, slot_index(), nullptr); }

int ClientTls::on_new_session(SSL* ssl, SSL_SESSION* session) {
  auto* slot = static_cast<SessionSlot*>(SSL_get_ex_data(ssl, slot_index()));
  if (slot == nullptr) return 0;  // OpenSSL frees it
  slot->session.reset(session);   // 1: we keep the reference
  return 1;
}

}  // namespace credsvc::loadgen
