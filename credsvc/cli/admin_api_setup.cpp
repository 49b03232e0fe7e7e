#include "cli/admin_api_setup.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <mutex>
#include <optional>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/file_io.hpp"
#include "cli/test_ca.hpp"
#include "db/store.hpp"
#include "http/admin_routes.hpp"
#include "http/console_routes.hpp"

namespace credsvc::cli {

namespace {

// The data directory's test CA, loaded (or made) on the first request for
// it; requests come from the store's worker threads, one at a time here.
http::TestCaIssuer test_ca_issuer(const std::filesystem::path& dir) {
  struct Lazy {
    std::mutex mutex;
    std::optional<TestCa> ca;
  };
  return [dir, lazy = std::make_shared<Lazy>()](const std::string& name) {
    std::lock_guard lock(lazy->mutex);
    if (!lazy->ca) lazy->ca = TestCa::load_or_create(dir);
    return lazy->ca->issue_domain(name);
  };
}

std::vector<certs::Certificate> admin_cas(const std::string& file, std::string& pem) {
  try {
    pem = certs::read_text_file(file);
    return certs::Certificate::chain_from_pem(pem);
  } catch (const certs::Error& e) {
    throw std::runtime_error("--admin-ca " + file + ": " + e.what());
  }
}

}  // namespace

void add_admin_api_options(CLI::App& serve, ServeOptions& o) {
  serve.add_option("--admin-ca", o.admin_ca,
                   "PEM CA certificate(s): HTTPS clients with a certificate they issued may use the admin API "
                   "(/api/v1) as with an admin token");
  serve.add_flag("--console,!--no-console", o.console, "serve the web console at /console/ (default: on)");
}

void setup_admin_api(http::HttpsServer& https, db::Store& store, const DatabaseTarget& target,
                     const ServeOptions& o) {
  std::vector<certs::Certificate> cas;
  if (!o.admin_ca.empty()) {
    std::string pem;
    cas = admin_cas(o.admin_ca, pem);
    https.request_client_certificates(pem);
  }
  const bool certificates = !cas.empty();
  http::AdminApiOptions api;
  api.authenticator = std::make_shared<const http::AdminAuthenticator>(
      std::make_shared<http::BearerAuthenticator>(store), std::move(cas));
  if (target.embedded()) api.test_ca = test_ca_issuer(target.data_dir() / "test-ca");
  http::add_admin_routes(https, store, std::move(api));
  if (o.console) http::add_console_routes(https);
  spdlog::info("admin API on /api/v1 (admin tokens{}){}", certificates ? ", client certificates from --admin-ca" : "",
               o.console ? "; web console at /console/" : "");
}

}  // namespace credsvc::cli
