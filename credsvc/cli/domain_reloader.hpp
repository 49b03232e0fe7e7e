// Hosting without restarts: when a domain is added, removed or gets new
// certificates (by any instance: the change listener reports it), or on
// SIGHUP, the served domains are read again from the store and handed to the
// SIP listener (new TLS handshakes), the HTTPS server (same contexts), the
// NOTIFY signers and the published identity certificates. Connections keep
// what they were set up with. A set that cannot be applied (an unusable key)
// leaves the previous one in force and is logged.
//
// It also watches certificate expiry: a TLS or identity certificate of a
// served domain that expires within the warning window is logged (at each
// reload and twice a day) and reported by credsvc_certificate_expiring.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/sip_service.hpp"
#include "db/records.hpp"

namespace credsvc::db {
class Store;
}
namespace credsvc::http {
class IdentityDirectory;
}

namespace credsvc::cli {

class CredentialService;

// The domains of `hosted` this instance serves: all of them when `wanted` is
// empty, else those named (in the store's order).
std::vector<db::Domain> select_served_domains(const std::vector<db::Domain>& hosted,
                                              const std::vector<std::string>& wanted);

// "a.example, b.example", for log lines.
std::string domain_names(const std::vector<db::Domain>& domains);

struct CertificateExpiry {
  std::string domain;
  std::string kind;  // "tls" or "identity"
  std::chrono::system_clock::time_point not_after;  // the earliest in the chain
};
// The expiry of each certificate chain of `domains` (unparseable chains are left out).
std::vector<CertificateExpiry> certificate_expiries(const std::vector<db::Domain>& domains);

class DomainReloader : public std::enable_shared_from_this<DomainReloader> {
 public:
  struct Targets {
    SipService* sip = nullptr;
    CredentialService* credentials = nullptr;
    http::IdentityDirectory* identities = nullptr;
  };
  struct Settings {
    std::vector<std::string> wanted;  // --domain; empty: every domain in the store
    std::string default_domain;       // --default-domain; empty: the first
    std::optional<ClientCertPolicy> client_certs;  // replaced on SIGHUP
    std::chrono::hours warn_before{24 * 30};
  };

  // The targets must outlive the reloader's work (call stop() first).
  DomainReloader(boost::asio::io_context& io, db::Store& store, Targets targets, Settings settings);
  ~DomainReloader();

  // Checks expiry now and every 12 hours; registers the metric.
  void start(const std::vector<db::Domain>& served);
  void stop();

  // Reads the domains and applies them, soon; requests made while a reload
  // runs are folded into one more. `settings`, when given, replace the
  // current ones first (SIGHUP). Thread-safe.
  void request(std::string why, std::optional<Settings> settings = std::nullopt);

  // Completed reloads that changed something, and failed ones (for tests via logs/metrics).
  std::uint64_t applied() const;

 private:
  void run();
  void apply(const std::vector<db::Domain>& hosted);
  void warn_expiring(const std::vector<CertificateExpiry>& expiries) const;
  void arm_expiry_timer();

  boost::asio::io_context& io_;
  db::Store& store_;
  Targets targets_;
  boost::asio::steady_timer expiry_timer_;
  std::size_t collector_ = 0;
  std::vector<db::Domain> current_;  // what is applied; touched by start() and apply() only

  mutable std::mutex mutex_;
  Settings settings_;
  std::vector<CertificateExpiry> expiries_;
  bool running_ = false;
  bool again_ = false;
  bool stopped_ = false;
  std::string why_;
  std::uint64_t applied_ = 0;
};

}  // namespace credsvc::cli
