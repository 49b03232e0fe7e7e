#include "cli/admin_domain_rotate.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/use_future.hpp>
#include <iostream>

#include "cli/domain_provisioning.hpp"
#include "cli/test_ca.hpp"
#include "db/errors.hpp"

namespace credsvc::cli {
namespace {

struct RotateOptions {
  bool test_ca = false;
};

int domain_rotate(const AdminOptions& o, const RotateOptions& r) {
  const std::string name = normalise_domain_name(o.name);
  if (o.tls_cert.empty() != o.tls_key.empty()) throw std::runtime_error("--tls-cert and --tls-key go together");
  if (o.identity_cert.empty() != o.identity_key.empty()) {
    throw std::runtime_error("--identity-cert and --identity-key go together");
  }
  const bool files = !o.tls_cert.empty() || !o.identity_cert.empty();
  if (files == r.test_ca) {
    throw std::runtime_error("give --tls-cert/--tls-key and/or --identity-cert/--identity-key, or --test-ca");
  }
  // Read and check every file before touching the database.
  db::DomainCertUpdate update;
  if (!o.tls_cert.empty()) update.tls = load_cert_and_key({o.tls_cert, o.tls_key}, certs::CertifiedKeyUse::tls);
  if (!o.identity_cert.empty()) {
    update.identity = load_cert_and_key({o.identity_cert, o.identity_key}, certs::CertifiedKeyUse::identity);
  }

  AdminSession s(o);
  if (r.test_ca) {
    if (!s.target.embedded()) {
      throw std::runtime_error("--test-ca works on the embedded default only (the local test CA is under --data-dir)");
    }
    const auto issued = TestCa::load_or_create(s.target.data_dir() / "test-ca").issue_domain(name);
    update.tls = issued.tls;
    update.identity = issued.identity;
  }
  try {
    s.store.async_update_domain_certs(name, update, admin_actor(), boost::asio::use_future).get();
  } catch (const db::NotFound&) {
    throw std::runtime_error("no domain " + name);
  }
  std::cout << "rotated " << (update.tls && update.identity ? "the TLS and identity certificates"
                              : update.tls                  ? "the TLS certificate"
                                                            : "the identity certificate")
            << " of " << name << "\n";
  return 0;
}

}  // namespace

void add_domain_rotate_command(CLI::App& domain, const std::shared_ptr<AdminOptions>& o, int& exit_code) {
  auto r = std::make_shared<RotateOptions>();
  auto* cmd = domain.add_subcommand("rotate", "Give a domain new certificates (running servers take them at once)");
  cmd->add_option("NAME", o->name)->required();
  cmd->add_option("--tls-cert", o->tls_cert, "new PEM chain for TLS (SNI), leaf first");
  cmd->add_option("--tls-key", o->tls_key, "PKCS#8 PEM key of --tls-cert");
  cmd->add_option("--identity-cert", o->identity_cert, "new PEM chain of the identity (signing) certificate");
  cmd->add_option("--identity-key", o->identity_key, "PKCS#8 PEM RSA key of --identity-cert");
  cmd->add_flag("--test-ca", r->test_ca, "issue both anew from the local test CA (embedded default, development)");
  cmd->callback([o, r, &exit_code] { exit_code = domain_rotate(*o, *r); });
}

}  // namespace credsvc::cli
