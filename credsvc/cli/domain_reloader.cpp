#include "cli/domain_reloader.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "cli/credential_service.hpp"
#include "http/time_format.hpp"
#include "db/store.hpp"
#include "http/identity_directory.hpp"
#include "metrics/registry.hpp"

namespace credsvc::cli {
namespace asio = boost::asio;

namespace {

constexpr std::chrono::hours kExpiryCheckInterval{12};

std::optional<std::chrono::system_clock::time_point> earliest_not_after(const std::string& chain_pem) {
  try {
    std::optional<std::chrono::system_clock::time_point> earliest;
    for (const auto& c : certs::Certificate::chain_from_pem(chain_pem)) {
      if (!earliest || c.not_after() < *earliest) earliest = c.not_after();
    }
    return earliest;
  } catch (const certs::Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::string domain_names(const std::vector<db::Domain>& domains) {
  std::string names;
  for (const auto& d : domains) names += (names.empty() ? "" : ", ") + d.name;
  return names;
}

std::vector<db::Domain> select_served_domains(const std::vector<db::Domain>& hosted,
                                              const std::vector<std::string>& wanted) {
  std::vector<db::Domain> served;
  for (const auto& d : hosted) {
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), d.name) != wanted.end()) served.push_back(d);
  }
  return served;
}

std::vector<CertificateExpiry> certificate_expiries(const std::vector<db::Domain>& domains) {
  std::vector<CertificateExpiry> out;
  for (const auto& d : domains) {
    if (d.tls) {
      if (auto t = earliest_not_after(d.tls->chain_pem)) out.push_back({d.name, "tls", *t});
    }
    if (d.identity) {
      if (auto t = earliest_not_after(d.identity->chain_pem)) out.push_back({d.name, "identity", *t});
    }
  }
  return out;
}

DomainReloader::DomainReloader(asio::io_context& io, db::Store& store, Targets targets, Settings settings)
    : io_(io), store_(store), targets_(targets), expiry_timer_(io), settings_(std::move(settings)) {}

DomainReloader::~DomainReloader() { stop(); }

void DomainReloader::start(const std::vector<db::Domain>& served) {
  current_ = served;
  {
    std::lock_guard lock(mutex_);
    expiries_ = certificate_expiries(served);
  }
  collector_ = metrics::default_registry().add_collector([weak = weak_from_this()] {
    std::vector<metrics::CollectedFamily> out;
    auto self = weak.lock();
    if (!self) return out;
    metrics::CollectedFamily not_after{"credsvc_certificate_not_after_seconds",
                                       "end of validity of a served domain's certificate chain (earliest in the chain)",
                                       "gauge",
                                       {}};
    metrics::CollectedFamily expiring{"credsvc_certificate_expiring",
                                      "1 when a served domain's certificate expires within the warning window",
                                      "gauge",
                                      {}};
    std::lock_guard lock(self->mutex_);
    const auto horizon = std::chrono::system_clock::now() + self->settings_.warn_before;
    for (const auto& e : self->expiries_) {
      const std::vector<std::pair<std::string, std::string>> labels{{"domain", e.domain}, {"kind", e.kind}};
      not_after.samples.push_back({not_after.name, labels,
                                   static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                                           e.not_after.time_since_epoch())
                                                           .count())});
      expiring.samples.push_back({expiring.name, labels, e.not_after <= horizon ? 1.0 : 0.0});
    }
    out.push_back(std::move(not_after));
    out.push_back(std::move(expiring));
    return out;
  });
  {
    std::lock_guard lock(mutex_);
    warn_expiring(expiries_);
  }
  arm_expiry_timer();
}

void DomainReloader::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  expiry_timer_.cancel();
  if (collector_ != 0) metrics::default_registry().remove_collector(collector_);
}

void DomainReloader::arm_expiry_timer() {
  expiry_timer_.expires_after(kExpiryCheckInterval);
  expiry_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) {
      {
        std::lock_guard lock(self->mutex_);
        if (self->stopped_) return;
        self->warn_expiring(self->expiries_);
      }
      self->arm_expiry_timer();
    }
  });
}

void DomainReloader::warn_expiring(const std::vector<CertificateExpiry>& expiries) const {
  const auto now = std::chrono::system_clock::now();
  for (const auto& e : expiries) {
    if (e.not_after <= now) {
      spdlog::error("domain {}: the {} certificate expired at {}", e.domain, e.kind, http::format_utc(e.not_after));
    } else if (e.not_after <= now + settings_.warn_before) {
      const auto days = std::chrono::duration_cast<std::chrono::hours>(e.not_after - now).count() / 24;
      spdlog::warn("domain {}: the {} certificate expires at {} (in {} days); rotate it with: credsvc admin domain "
                   "rotate {}",
                   e.domain, e.kind, http::format_utc(e.not_after), days, e.domain);
    }
  }
}

void DomainReloader::request(std::string why, std::optional<Settings> settings) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  if (settings) {
    settings->warn_before = settings_.warn_before;
    settings_ = std::move(*settings);
  }
  why_ = std::move(why);
  if (running_) {
    again_ = true;
    return;
  }
  running_ = true;
  asio::post(io_, [self = shared_from_this()] { self->run(); });
}

std::uint64_t DomainReloader::applied() const {
  std::lock_guard lock(mutex_);
  return applied_;
}

void DomainReloader::run() {
  std::string why;
  {
    std::lock_guard lock(mutex_);
    why = why_;
    again_ = false;
  }
  spdlog::info("reloading domains ({})", why);
  store_.async_list_domains(asio::bind_executor(
      io_.get_executor(), [self = shared_from_this()](std::exception_ptr error, std::vector<db::Domain> hosted) {
        if (error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            spdlog::error("domain reload failed: cannot read the domains: {}; keeping the current ones", e.what());
          }
        } else {
          self->apply(hosted);
        }
        std::lock_guard lock(self->mutex_);
        if (self->again_ && !self->stopped_) {
          asio::post(self->io_, [self] { self->run(); });
        } else {
          self->running_ = false;
        }
      }));
}

void DomainReloader::apply(const std::vector<db::Domain>& hosted) {
  Settings settings;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    settings = settings_;
  }
  const auto served = select_served_domains(hosted, settings.wanted);
  if (std::none_of(served.begin(), served.end(), [](const db::Domain& d) { return d.tls.has_value(); })) {
    spdlog::error("domain reload: no served domain has a TLS certificate; keeping the current ones");
    return;
  }
  std::string default_domain = settings.default_domain;
  if (!default_domain.empty() &&
      std::none_of(served.begin(), served.end(), [&](const db::Domain& d) { return d.name == default_domain; })) {
    spdlog::warn("domain reload: the default domain {} is no longer served; clients without SNI get the first",
                 default_domain);
    default_domain.clear();
  }
  // Each step changes nothing when it throws; when the second refuses, the
  // first is put back, so signers and TLS never disagree.
  try {
    targets_.credentials->update_domains(served);
  } catch (const std::exception& e) {
    spdlog::error("domain reload failed: {}; keeping the previous certificates", e.what());
    return;
  }
  try {
    targets_.sip->reload(served, default_domain, settings.client_certs);
  } catch (const std::exception& e) {
    spdlog::error("domain reload failed: {}; keeping the previous certificates", e.what());
    targets_.credentials->update_domains(current_);
    return;
  }
  current_ = served;
  targets_.identities->update(served);
  auto expiries = certificate_expiries(served);
  std::lock_guard lock(mutex_);
  warn_expiring(expiries);
  expiries_ = std::move(expiries);
  ++applied_;
  spdlog::info("domains reloaded: [{}]", domain_names(served));
}

}  // namespace credsvc::cli
