#include "cli/sip_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace credsvc::cli {
namespace asio = boost::asio;

asio::ip::tcp::endpoint parse_listen_address(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      throw std::invalid_argument("listen address '" + text + "' is not [IPv6]:PORT");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("listen address '" + text + "' is not HOST:PORT");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    throw std::invalid_argument("listen address '" + text + "' has no valid port");
  }
  boost::system::error_code aec;
  const auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, aec);
  if (aec) throw std::invalid_argument("listen address '" + text + "': '" + host + "' is not an IP address");
  return {address, static_cast<unsigned short>(value)};
}

namespace {

std::shared_ptr<const transport::TlsContexts> build_contexts(const std::vector<db::Domain>& domains,
                                                             const std::string& default_domain,
                                                             const ClientCertPolicy& client_certs) {
  std::vector<transport::DomainTlsConfig> configs;
  for (const auto& d : domains) {
    if (!d.tls) {
      spdlog::warn("domain {} has no TLS certificate; it is not served over TLS", d.name);
      continue;
    }
    transport::DomainTlsConfig c{d.name, d.tls->chain_pem, d.tls->key_pem, std::nullopt, false};
    if (const auto it = client_certs.ca_pem_by_domain.find(d.name); it != client_certs.ca_pem_by_domain.end()) {
      c.client_ca_pem = it->second;
      c.require_client_certificate = client_certs.require;
    }
    configs.push_back(std::move(c));
  }
  for (const auto& [name, pem] : client_certs.ca_pem_by_domain) {
    if (std::none_of(configs.begin(), configs.end(), [&](const auto& c) { return c.domain == name; })) {
      throw std::runtime_error("client CA given for " + name + ", which is not served");
    }
  }
  return transport::TlsContexts::build(configs, default_domain);
}

}  // namespace

SipService::SipService(asio::io_context& io, const asio::ip::tcp::endpoint& listen,
                       const std::vector<db::Domain>& domains, const std::string& default_domain,
                       uas::UasOptions options, ClientCertPolicy client_certs)
    : client_certs_(std::move(client_certs)),
      core_(std::make_shared<uas::UasCore>(io.get_executor(), options, flows_)),
      contexts_(build_contexts(domains, default_domain, client_certs_)) {
  listener_ = std::make_unique<transport::Listener>(
      io, listen, [this] { return contexts(); }, options.limits, core_, flows_);
}

SipService::~SipService() { stop(); }

void SipService::start() {
  core_->start();
  listener_->start();
  spdlog::info("SIP over TLS listening on {}:{} (domains: {}; default {})",
               listener_->local_endpoint().address().to_string(), listener_->local_endpoint().port(),
               [&] {
                 std::string names;
                 for (const auto& d : contexts()->domains()) names += (names.empty() ? "" : ", ") + d;
                 return names;
               }(),
               contexts()->default_domain());
}

void SipService::stop() {
  if (listener_) listener_->stop();
  if (core_) core_->stop();
}

std::shared_ptr<const transport::TlsContexts> SipService::contexts() const {
  std::lock_guard lock(contexts_mutex_);
  return contexts_;
}

void SipService::reload(const std::vector<db::Domain>& domains, const std::string& default_domain,
                        std::optional<ClientCertPolicy> client_certs) {
  ClientCertPolicy policy;
  {
    std::lock_guard lock(contexts_mutex_);
    policy = client_certs ? *client_certs : client_certs_;
  }
  auto fresh = build_contexts(domains, default_domain, policy);  // throws before anything changes
  std::lock_guard lock(contexts_mutex_);
  contexts_ = std::move(fresh);
  client_certs_ = std::move(policy);
}

}  // namespace credsvc::cli
