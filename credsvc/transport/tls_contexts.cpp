#include "transport/tls_contexts.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <stdexcept>
#include <vector>

namespace credsvc::transport {
namespace ssl = boost::asio::ssl;

namespace {

// Index of the per-SSL note of which domain the handshake chose.
int domain_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// Index of the per-SSL ClientCertificateRequest, if one was applied.
int request_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// With a ClientCertificateRequest the service judges the certificate, so
// OpenSSL's verification against the domain's client CAs must not end the
// handshake; its outcome stays in SSL_get_verify_result.
int continue_handshake(int /*preverified*/, X509_STORE_CTX* /*store*/) { return 1; }

struct X509NameFree {
  void operator()(X509_NAME* n) const noexcept { X509_NAME_free(n); }
};
struct NameStackFree {
  void operator()(STACK_OF(X509_NAME)* names) const noexcept { sk_X509_NAME_pop_free(names, X509_NAME_free); }
};
struct BioFree {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const noexcept { X509_free(x); }
};

std::string openssl_reason() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e == 0) return "unknown OpenSSL error";
  const char* r = ERR_reason_error_string(e);
  return r != nullptr ? r : "unknown OpenSSL error";
}

// TLS 1.2 AEAD suites with forward secrecy; TLS 1.3 suites are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

}  // namespace

void apply_tls_policy(ssl::context& ctx) {
  SSL_CTX* c = ctx.native_handle();
  SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(c, TLS1_3_VERSION);
  SSL_CTX_set_options(c, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
  if (SSL_CTX_set_cipher_list(c, kTls12Ciphers) != 1) {
    throw std::runtime_error("TLS: cannot set cipher list: " + openssl_reason());
  }
}

std::shared_ptr<const TlsContexts> TlsContexts::build(const std::vector<DomainTlsConfig>& domains,
                                                      const std::string& default_domain) {
  if (domains.empty()) throw std::runtime_error("TLS: no domain has a TLS certificate");
  std::shared_ptr<TlsContexts> set(new TlsContexts());  // private constructor; owned by shared_ptr at once
  for (const auto& d : domains) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    apply_tls_policy(*ctx);
    boost::system::error_code ec;
    ctx->use_certificate_chain(boost::asio::buffer(d.chain_pem), ec);
    if (ec) throw std::runtime_error("TLS certificate of " + d.domain + ": " + ec.message());
    ctx->use_private_key(boost::asio::buffer(d.key_pem), ssl::context::pem, ec);
    if (ec) throw std::runtime_error("TLS key of " + d.domain + ": " + ec.message());
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
      throw std::runtime_error("TLS key of " + d.domain + " does not match its certificate");
    }
    if (d.client_ca_pem) {
      ctx->add_certificate_authority(boost::asio::buffer(*d.client_ca_pem), ec);
      if (ec) throw std::runtime_error("client CA of " + d.domain + ": " + ec.message());
      ctx->set_verify_mode(ssl::verify_peer | (d.require_client_certificate ? ssl::verify_fail_if_no_peer_cert : 0));
    }
    // Distinct session id contexts so a session from one domain is not
    // resumed on another.
    const std::string sid = "credsvc:" + d.domain;
    SSL_CTX_set_session_id_context(ctx->native_handle(), reinterpret_cast<const unsigned char*>(sid.data()),
                                   static_cast<unsigned int>(std::min<std::size_t>(sid.size(), SSL_MAX_SID_CTX_LENGTH)));
    set->by_domain_.emplace(d.domain, std::move(ctx));
  }
  const std::string chosen = default_domain.empty() ? domains.front().domain : default_domain;
  const auto it = set->by_domain_.find(chosen);
  if (it == set->by_domain_.end()) throw std::runtime_error("TLS: default domain " + chosen + " is not hosted");
  set->default_ = it->second.get();
  set->default_name_ = chosen;
  // Every context gets the callback: OpenSSL calls the one of the context
  // the SSL object was created from, which is the default.
  SSL_CTX_set_tlsext_servername_callback(set->default_->native_handle(), &TlsContexts::on_server_name);
  SSL_CTX_set_tlsext_servername_arg(set->default_->native_handle(), set.get());
  return set;
}

TlsContexts::~TlsContexts() = default;

std::vector<std::string> TlsContexts::domains() const {
  std::vector<std::string> out;
  for (const auto& [name, ctx] : by_domain_) out.push_back(name);
  return out;
}

int TlsContexts::on_server_name(SSL* ssl, int* /*alert*/, void* arg) {
  const auto* self = static_cast<const TlsContexts*>(arg);
  const char* requested = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  std::string name = requested != nullptr ? requested : "";
  for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto it = self->by_domain_.find(name);
  // Unknown or absent names get the default domain rather than a failed
  // handshake: phones often send an IP address or nothing.
  const auto& [chosen_name, ctx] = it != self->by_domain_.end() ? *it : *self->by_domain_.find(self->default_name_);
  SSL_CTX* target = ctx->native_handle();
  if (SSL_get_SSL_CTX(ssl) != target) {
    SSL_set_SSL_CTX(ssl, target);
    // SSL_set_SSL_CTX swaps certificate and key only; carry the domain's
    // client-certificate policy over too.
    SSL_set_verify(ssl, SSL_CTX_get_verify_mode(target), SSL_CTX_get_verify_callback(target));
    SSL_set_client_CA_list(ssl, SSL_dup_CA_list(SSL_CTX_get_client_CA_list(target)));
    X509_VERIFY_PARAM_set1(SSL_get0_param(ssl), SSL_CTX_get0_param(target));
    X509_STORE* store = SSL_CTX_get_cert_store(target);
    SSL_set1_verify_cert_store(ssl, store);
  }
  // After the domain's policy, so that a per-handshake request still holds.
  if (const auto* request = ClientCertificateRequest::of(ssl)) request->apply(ssl);
  SSL_set_ex_data(ssl, domain_index(), const_cast<std::string*>(&chosen_name));
  return SSL_TLSEXT_ERR_OK;
}

std::string TlsContexts::domain_of(SSL* ssl) {
  const auto* name = static_cast<const std::string*>(SSL_get_ex_data(ssl, domain_index()));
  return name != nullptr ? *name : std::string();
}

struct ClientCertificateRequest::Names {
  std::vector<std::unique_ptr<X509_NAME, X509NameFree>> subjects;
};

ClientCertificateRequest::ClientCertificateRequest(const std::string& ca_pem) : names_(std::make_unique<Names>()) {
  const std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(ca_pem.data(), static_cast<int>(ca_pem.size())));
  if (!bio) throw std::runtime_error("TLS: cannot read client CA certificates: " + openssl_reason());
  while (true) {
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    names_->subjects.emplace_back(X509_NAME_dup(X509_get_subject_name(cert.get())));
    if (!names_->subjects.back()) throw std::runtime_error("TLS: cannot copy a client CA name: " + openssl_reason());
  }
  ERR_clear_error();  // the end of the PEM input reads as an error
  if (names_->subjects.empty()) throw std::runtime_error("TLS: no PEM certificate among the client CAs");
}

ClientCertificateRequest::~ClientCertificateRequest() = default;

void ClientCertificateRequest::apply(SSL* ssl) const {
  SSL_set_ex_data(ssl, request_index(), const_cast<ClientCertificateRequest*>(this));
  SSL_CTX* ctx = SSL_get_SSL_CTX(ssl);
  // A domain that requires a certificate (--require-client-cert) still does.
  SSL_set_verify(ssl, SSL_VERIFY_PEER | (SSL_CTX_get_verify_mode(ctx) & SSL_VERIFY_FAIL_IF_NO_PEER_CERT),
                 &continue_handshake);
  // Acceptable issuers: the domain's client CAs, then these.
  const STACK_OF(X509_NAME)* domain_names = SSL_CTX_get_client_CA_list(ctx);
  std::unique_ptr<STACK_OF(X509_NAME), NameStackFree> names(domain_names != nullptr ? SSL_dup_CA_list(domain_names)
                                                                                   : sk_X509_NAME_new_null());
  if (!names) return;  // out of memory: the request goes without issuer names
  for (const auto& subject : names_->subjects) {
    std::unique_ptr<X509_NAME, X509NameFree> copy(X509_NAME_dup(subject.get()));
    if (copy && sk_X509_NAME_push(names.get(), copy.get()) > 0) copy.release();  // the stack owns it now
  }
  SSL_set_client_CA_list(ssl, names.release());  // takes ownership
}

const ClientCertificateRequest* ClientCertificateRequest::of(SSL* ssl) {
  return static_cast<const ClientCertificateRequest*>(SSL_get_ex_data(ssl, request_index()));
}

std::unique_ptr<ssl::context> make_client_context(const std::optional<std::string>& extra_ca_pem) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  apply_tls_policy(*ctx);
  ctx->set_default_verify_paths();
  if (extra_ca_pem) {
    boost::system::error_code ec;
    ctx->add_certificate_authority(boost::asio::buffer(*extra_ca_pem), ec);
    if (ec) throw std::runtime_error("TLS: trust anchors: " + ec.message());
  }
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

}  // namespace credsvc::transport
