#include "cli/serve_command.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <csignal>
#include <memory>
#include <thread>

#include "cli/command_line.hpp"
#include "cli/domain_provisioning.hpp"
#include "cli/domain_reloader.hpp"
#include "cli/one_line.hpp"
#include "certs/error.hpp"
#include "certs/file_io.hpp"
#include "certs/pkcs8_key.hpp"
#include "cli/sip_service.hpp"
#include "cli/credential_service.hpp"
#include "identity/https_url.hpp"
#include "identity/passport_signer.hpp"
#include "uas/stir_redirect.hpp"
#include "http/health_route.hpp"
#include "http/metrics_route.hpp"
#include "http/readiness_route.hpp"
#include "metrics/process_metrics.hpp"
#include "transport/open_file_limit.hpp"
#include "http/https_server.hpp"
#include "http/identity_directory.hpp"
#include "http/identity_routes.hpp"
#include "cli/admin_api_setup.hpp"
#include "cli/stir_api_setup.hpp"
#include "cli/test_ca.hpp"
#include "db/store.hpp"

namespace credsvc::cli {
namespace asio = boost::asio;

namespace {

std::string read_text_file(const std::string& file) {
  try {
    return certs::read_text_file(file);
  } catch (const certs::Error& e) {
    throw std::runtime_error(e.what());
  }
}

// The STIR redirect service, when configured (--stir-key).
std::shared_ptr<uas::StirRedirect> make_stir_redirect(const ServeOptions& o,
                                                     std::shared_ptr<identity::PassportSigner> signer) {
  if (!signer) {
    if (!o.stir_x5u.empty() || !o.stir_trusted_peers.empty()) {
      throw std::invalid_argument("--stir-x5u and --stir-trusted-peer need --stir-key");
    }
    return nullptr;
  }
  uas::StirRedirectOptions options;
  options.attest = o.stir_attest;
  for (const auto& peer : o.stir_trusted_peers) {
    boost::system::error_code ec;
    options.trusted_addresses.push_back(asio::ip::make_address(peer, ec));
    if (ec) throw std::invalid_argument("--stir-trusted-peer '" + peer + "' is not an IP address");
  }
  try {
    return std::make_shared<uas::StirRedirect>(std::move(signer), options);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("STIR: ") + e.what());
  }
}

// --client-ca DOMAIN=FILE and --require-client-cert; throws naming the fault.
ClientCertPolicy client_cert_policy(const ServeOptions& options) {
  ClientCertPolicy client_certs;
  client_certs.require = options.require_client_cert;
  for (const auto& spec : options.client_ca) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("--client-ca '" + spec + "' is not DOMAIN=FILE");
    const std::string domain = normalise_domain_name(spec.substr(0, eq));
    client_certs.ca_pem_by_domain[domain] = read_text_file(spec.substr(eq + 1));
  }
  if (client_certs.require && client_certs.ca_pem_by_domain.empty()) {
    throw std::invalid_argument("--require-client-cert needs --client-ca DOMAIN=FILE");
  }
  return client_certs;
}

// SIGHUP: the command line and --config file are read again; logging, the
// served domains, the default domain and the client CAs change at once, and
// every domain's certificates are read from the database. Anything else
// (listen addresses, pool sizes, limits) needs a restart.
void reload_configuration(DomainReloader& reloader, const ServeOptions& running) {
  ServeOptions fresh;
  DomainReloader::Settings settings;
  try {
    fresh = reparse_serve_options();
    for (auto& d : fresh.domains) d = normalise_domain_name(d);
    settings.wanted = fresh.domains;
    settings.default_domain = fresh.default_domain.empty() ? "" : normalise_domain_name(fresh.default_domain);
    settings.client_certs = client_cert_policy(fresh);
  } catch (const std::exception& e) {
    spdlog::error("SIGHUP: configuration not reloaded: {}", one_line(e.what()));
    return;
  }
  // Against the level in force, not the start-up one: SIGHUPs may come in a row.
  if (const auto level = spdlog::level::from_str(fresh.logging.level); level != spdlog::get_level()) {
    spdlog::set_level(level);
    spdlog::info("SIGHUP: log level now {}", fresh.logging.level);
  }
  if (fresh.sip_listen != running.sip_listen || fresh.http_listen != running.http_listen ||
      fresh.database.url != running.database.url || fresh.db_pool_size != running.db_pool_size ||
      fresh.threads != running.threads) {
    spdlog::warn("SIGHUP: listen addresses, database and thread settings change only at restart");
  }
  reloader.request("SIGHUP", std::move(settings));
}

// /readyz: the database answers and certificates are loaded.
http::ReadinessProbe readiness_probe(db::Store& store, SipService& sip) {
  return [&store, &sip]() -> asio::awaitable<std::vector<http::ReadinessCheck>> {
    std::vector<http::ReadinessCheck> checks;
    http::ReadinessCheck database{"database", false, {}};
    try {
      co_await store.async_run([](pqxx::work& tx) { tx.exec("SELECT 1"); }, asio::use_awaitable);
      database.ok = true;
    } catch (const std::exception& e) {
      database.detail = one_line(e.what());
    }
    checks.push_back(std::move(database));
    const auto contexts = sip.tls_contexts();
    const std::size_t n = contexts ? contexts->domains().size() : 0;
    checks.push_back({"certificates", n > 0, std::to_string(n) + (n == 1 ? " domain" : " domains")});
    co_return checks;
  };
}

constexpr const char* kDemoDomain = "example.test";
constexpr const char* kActor = "system:serve";

// The embedded default is for development: it hosts a demo domain whose
// certificates come from a test CA made under the data directory.
void provision_embedded_domains(db::Store& store, const DatabaseTarget& target, std::vector<std::string> wanted) {
  const auto existing = store.async_list_domains(asio::use_future).get();
  if (wanted.empty() && existing.empty()) wanted.emplace_back(kDemoDomain);
  std::optional<TestCa> ca;
  for (const auto& name : wanted) {
    const bool present = std::any_of(existing.begin(), existing.end(), [&](const db::Domain& d) { return d.name == name; });
    if (present) continue;
    if (!ca) ca = TestCa::load_or_create(target.data_dir() / "test-ca");
    store.async_add_domain(ca->issue_domain(name), kActor, asio::use_future).get();
    spdlog::info("created demo domain {} with certificates from the test CA {}", name,
                 ca->certificate_file().string());
  }
}

}  // namespace

// Every SIP connection is a descriptor: raise the soft limit to the hard one
// and warn when even that cannot hold --max-connections.
void raise_file_limit_for(const ServeOptions& options) {
  try {
    const auto limit = transport::raise_open_file_limit();
    // Besides the SIP connections: the pool, the listener, HTTPS clients, logs.
    const std::uint64_t needed = options.sip.limits.max_connections + options.db_pool_size + 128;
    if (const auto warning = transport::file_limit_warning(limit, needed); !warning.empty()) {
      spdlog::warn("{} (--max-connections {})", warning, options.sip.limits.max_connections);
    } else {
      spdlog::debug("open-file limit {}", limit.soft);
    }
  } catch (const std::exception& e) {
    spdlog::warn("{}", e.what());
  }
}

int run_serve(ServeOptions options) {
  setup_logging(options.logging);
  for (auto& d : options.domains) d = normalise_domain_name(d);

  const auto listen = parse_listen_address(options.sip_listen);
  const auto http_listen = parse_listen_address(options.http_listen);
  // One signer for the SIP redirect mode and the HTTPS API.
  const auto stir_signer = make_stir_signer(options);
  const auto stir = make_stir_redirect(options, stir_signer);
  const ClientCertPolicy client_certs = client_cert_policy(options);
  if (!options.default_domain.empty()) options.default_domain = normalise_domain_name(options.default_domain);
  raise_file_limit_for(options);
  asio::io_context io;
  // Installed before anything slow starts, so a Ctrl-C during start-up still
  // leads through the orderly shutdown below.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  int received = 0;

  DatabaseTarget target(options.database);
  db::StoreOptions store_options;
  store_options.conninfo = target.conninfo();
  store_options.pool_size = options.db_pool_size;
  auto store = std::make_unique<db::Store>(store_options);

  std::unique_ptr<SipService> sip;
  std::unique_ptr<http::HttpsServer> https;
  std::unique_ptr<CredentialService> credentials;
  std::shared_ptr<DomainReloader> reloader;
  auto identities = std::make_shared<http::IdentityDirectory>();
  try {
    if (target.embedded()) provision_embedded_domains(*store, target, options.domains);
    auto hosted = store->async_list_domains(asio::use_future).get();
    std::vector<db::Domain> served = select_served_domains(hosted, options.domains);
    const std::string names = domain_names(served);
    for (const auto& wanted : options.domains) {
      if (std::none_of(hosted.begin(), hosted.end(), [&](const db::Domain& d) { return d.name == wanted; })) {
        throw std::runtime_error("domain " + wanted + " is not in the database (add it with: credsvc admin domain add " +
                                 wanted + ")");
      }
    }
    if (served.empty()) {
      throw std::runtime_error("no domains to serve (add one with: credsvc admin domain add NAME)");
    }
    sip = std::make_unique<SipService>(io, listen, served, options.default_domain, options.sip, client_certs);
    if (stir) {
      sip->core().set_invite_handler([stir](const std::shared_ptr<uas::ServerTransaction>& txn) { stir->handle(txn); });
      spdlog::info("STIR redirect mode on: INVITEs from trusted peers get 302 with an Identity header");
    }
    // HTTPS: the identity certificates our Identity-Info URLs point at, and
    // /healthz; same certificates and SNI as SIP.
    identities->update(served);
    https = std::make_unique<http::HttpsServer>(io, http_listen, [s = sip.get()] { return s->tls_contexts(); });
    http::add_identity_routes(*https, identities);
    http::add_health_route(*https);
    http::add_readiness_route(*https, readiness_probe(*store, *sip));
    metrics::register_process_metrics();
    http::add_metrics_route(*https);
    setup_stir_api(*https, io, *store, options, stir_signer);
    setup_admin_api(*https, *store, target, options);
    const auto info_port = options.identity_info_port != 0
                               ? static_cast<std::uint16_t>(options.identity_info_port)
                               : https->local_endpoint().port();
    credentials = std::make_unique<CredentialService>(
        io, sip->core(), *store, served,
        [host = options.identity_info_host, info_port](const std::string& domain) {
          return identity::identity_certificate_url(host.empty() ? domain : host,
                                                    info_port == 443 ? std::nullopt : std::optional(info_port), domain);
        },
        options.events);
    DomainReloader::Settings reload_settings;
    reload_settings.wanted = options.domains;
    reload_settings.default_domain = options.default_domain;
    reload_settings.warn_before = std::chrono::hours(24 * options.cert_expiry_warning_days);
    reloader = std::make_shared<DomainReloader>(
        io, *store, DomainReloader::Targets{sip.get(), credentials.get(), identities.get()}, reload_settings);
    credentials->on_domains_changed([weak = std::weak_ptr(reloader)] {
      if (auto r = weak.lock()) r->request("domain changed in the database");
    });
    reloader->start(served);
    credentials->start();
    sip->start();
    https->start();
    spdlog::info("HTTPS listening on {}:{}", https->local_endpoint().address().to_string(),
                 https->local_endpoint().port());
    spdlog::info("credsvc ready: domains [{}], database {}", names, target.describe());
  } catch (...) {
    if (reloader) reloader->stop();
    credentials.reset();
    https.reset();
    sip.reset();
    store.reset();
    target.shutdown();
    throw;
  }

  // The signal handler is the one piece of work that ends: when it has run,
  // the listener and every connection are stopped with the io_context.
  asio::signal_set hangup(io, SIGHUP);
  std::function<void()> wait_hangup = [&] {
    hangup.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      spdlog::info("received SIGHUP: reloading the configuration and the domains");
      reload_configuration(*reloader, options);
      wait_hangup();
    });
  };
  wait_hangup();
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) received = signo;
    hangup.cancel();
    reloader->stop();
    https->stop();
    credentials->stop();
    sip->stop();
    io.stop();
  });
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  spdlog::info("received {}, shutting down", received == SIGINT ? "SIGINT" : "SIGTERM");
  reloader.reset();
  credentials.reset();
  https.reset();
  sip.reset();
  store.reset();  // waits for running database work
  target.shutdown();
  spdlog::info("credsvc stopped");
  return 0;
}

namespace {

// A duration flag in seconds (fractions allowed) stored as milliseconds.
void add_seconds_option(CLI::App& cmd, const std::string& name, std::chrono::milliseconds& target,
                        const std::string& help) {
  cmd.add_option_function<double>(
         name, [&target](double s) { target = std::chrono::milliseconds(static_cast<long long>(s * 1000)); },
         help + " (default " + std::to_string(static_cast<double>(target.count()) / 1000.0).substr(0, 5) + ")")
      ->check(CLI::PositiveNumber);
}

void add_expires_options(CLI::App& cmd, const std::string& prefix, events::ExpiresBounds& bounds,
                         const std::string& what) {
  cmd.add_option("--" + prefix + "-expires-min", bounds.minimum, "shortest " + what + " in seconds (shorter: 423)")
      ->check(CLI::Range(1u, 86'400u))
      ->capture_default_str();
  cmd.add_option("--" + prefix + "-expires-default", bounds.fallback, what + " in seconds when none is asked for")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd.add_option("--" + prefix + "-expires-max", bounds.maximum, "longest " + what + " in seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

void add_event_options(CLI::App& cmd, ServeOptions& o) {
  auto& e = o.events;
  add_expires_options(cmd, "certificate", e.certificate, "certificate subscription");
  add_expires_options(cmd, "credential", e.credential, "credential subscription (never beyond the certificate)");
  add_expires_options(cmd, "publication", e.publication, "publication (never beyond the certificate)");
  add_seconds_option(cmd, "--notify-interval", e.notify_interval,
                     "seconds between NOTIFYs for changes to one subscription (RFC 6072 §7.11)");
  add_seconds_option(cmd, "--expiry-sweep", e.expiry_sweep, "seconds between checks for lapsed publications");
  add_seconds_option(cmd, "--notify-timeout", o.sip.timer_f,
                     "seconds a NOTIFY may go unanswered before its subscription ends (Timer F)");
  cmd.add_option("--max-subscriptions", e.max_subscriptions, "subscriptions in all (more: 503)")->capture_default_str();
  cmd.add_option("--max-subscriptions-per-connection", e.max_subscriptions_per_connection,
                 "subscriptions on one TLS connection (more: 503)")
      ->capture_default_str();
  cmd.add_option("--max-subscriptions-per-aor", e.max_subscriptions_per_aor,
                 "subscriptions to one address of record (more: 503)")
      ->capture_default_str();
  cmd.add_option("--max-publication-size", e.max_publication_size, "largest PUBLISH body in bytes (larger: 413)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 20))
      ->capture_default_str();
  cmd.add_option("--cache-entries", e.cache_entries, "credentials cached in memory")->capture_default_str();
  cmd.add_option("--identity-info-host", o.identity_info_host,
                 "host in Identity-Info URLs (default: each domain's own name)");
  cmd.add_option("--identity-info-port", o.identity_info_port,
                 "port in Identity-Info URLs (default: the --http-listen port)")
      ->check(CLI::Range(1u, 65535u));
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code, ServeRunner run) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Run the credential server");
  add_database_options(*cmd, options->database);
  add_logging_options(*cmd, options->logging);
  cmd->add_option("--domain", options->domains,
                  "serve only these domains (repeatable); on the embedded default, missing ones are created "
                  "with the test CA");
  cmd->add_option("--db-pool", options->db_pool_size, "database connections in the pool")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--sip-listen", options->sip_listen, "SIP over TLS address, HOST:PORT or [IPv6]:PORT (port 0: any)")
      ->capture_default_str();
  cmd->add_option("--http-listen", options->http_listen,
                  "HTTPS address (identity certificates, /healthz), HOST:PORT or [IPv6]:PORT (port 0: any)")
      ->capture_default_str();
  cmd->add_option("--default-domain", options->default_domain,
                  "domain whose certificate clients without SNI get (default: the first)");
  cmd->add_option("--client-ca", options->client_ca,
                  "DOMAIN=FILE: request client certificates for DOMAIN and verify them against the PEM CAs in FILE "
                  "(repeatable)");
  cmd->add_flag("--require-client-cert", options->require_client_cert,
                "clients of domains with --client-ca must present a certificate");
  cmd->add_option("--stir-key", options->stir_key,
                  "P-256 PKCS#8 PEM key: answer INVITEs from trusted peers with 302 and a signed Identity (RFC 8224)");
  cmd->add_option("--stir-x5u", options->stir_x5u, "https URL of the --stir-key certificate (x5u/info)");
  cmd->add_option("--stir-attest", options->stir_attest, "SHAKEN attestation level (RFC 8588)")
      ->check(CLI::IsMember({"A", "B", "C"}))
      ->capture_default_str();
  cmd->add_option("--stir-trusted-peer", options->stir_trusted_peers,
                  "IP address whose INVITEs are signed (repeatable); peers with a verified client certificate are "
                  "trusted too");
  cmd->add_option("--threads", options->threads, "I/O threads (0: one per core)")->capture_default_str();
  auto& limits = options->sip.limits;
  cmd->add_option("--max-message-size", limits.max_message_size, "largest SIP message in bytes (larger: 513, close)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{16} << 20))
      ->capture_default_str();
  cmd->add_option("--max-headers", limits.max_headers, "header fields per message (more: 400, close)")
      ->check(CLI::Range(std::size_t{16}, std::size_t{10000}))
      ->capture_default_str();
  cmd->add_option("--max-connections", limits.max_connections, "open TLS connections in all")->capture_default_str();
  cmd->add_option("--max-connections-per-address", limits.max_connections_per_address,
                  "open TLS connections from one IP address")
      ->capture_default_str();
  cmd->add_option("--max-send-queue", limits.max_send_queue_bytes,
                  "bytes queued to a peer that does not read (more: close)")
      ->capture_default_str();
  cmd->add_option_function<double>(
         "--handshake-timeout",
         [options](double s) { options->sip.limits.handshake_timeout = std::chrono::milliseconds(static_cast<long>(s * 1000)); },
         "seconds a TLS handshake may take (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<double>(
         "--idle-timeout",
         [options](double s) { options->sip.limits.idle_timeout = std::chrono::milliseconds(static_cast<long>(s * 1000)); },
         "seconds a connection may stay silent, keep-alives included (default 300)")
      ->check(CLI::PositiveNumber);
  add_event_options(*cmd, *options);
  add_stir_api_options(*cmd, *options);
  add_admin_api_options(*cmd, *options);
  cmd->add_option("--cert-expiry-warning", options->cert_expiry_warning_days,
                  "days before a domain certificate expires to start warning (logs and metrics)")
      ->check(CLI::Range(1u, 3650u))
      ->capture_default_str();
  cmd->callback([options, &exit_code, run = std::move(run)] { exit_code = run(*options); });
}

}  // namespace credsvc::cli
