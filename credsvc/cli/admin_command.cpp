#include "cli/admin_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "certs/certificate.hpp"
#include "cli/admin_credential_commands.hpp"
#include "cli/admin_domain_rotate.hpp"
#include "cli/admin_session.hpp"
#include "cli/admin_token_commands.hpp"
#include "cli/database_target.hpp"
#include "cli/domain_provisioning.hpp"
#include "cli/logging_setup.hpp"
#include "cli/test_ca.hpp"
#include "db/store.hpp"
#include "http/admin_json.hpp"
#include "http/admin_names.hpp"
#include "http/new_domain.hpp"
#include "http/time_format.hpp"
#include "http/user_password.hpp"

namespace credsvc::cli {
namespace asio = boost::asio;
namespace json = boost::json;
using http::format_utc;

std::string admin_actor() {
  const passwd* pw = ::getpwuid(::geteuid());
  return std::string("admin:cli:") + (pw != nullptr ? pw->pw_name : std::to_string(::geteuid()));
}

namespace {

db::StoreOptions admin_store_options(const DatabaseTarget& t) {
  db::StoreOptions s;
  s.conninfo = t.conninfo();
  s.pool_size = 1;
  return s;
}

}  // namespace

AdminSession::AdminSession(const AdminOptions& o) : target(o.database), store(admin_store_options(target)) {}

namespace {

void print_cert_lines(const char* label, const json::value& v) {
  if (v.is_null()) {
    std::cout << label << ": none\n";
    return;
  }
  const auto& o = v.as_object();
  std::cout << label << ": " << o.at("subject").as_string().c_str() << " (" << o.at("key").as_string().c_str()
            << "), valid " << o.at("not_before").as_string().c_str() << " to " << o.at("not_after").as_string().c_str()
            << ", SPKI SHA-256 " << o.at("spki_sha256").as_string().c_str() << "\n";
}

int domain_list(const AdminOptions& o) {
  AdminSession s(o);
  const auto domains = s.store.async_list_domains(asio::use_future).get();
  if (o.json) {
    json::array a;
    for (const auto& d : domains) a.emplace_back(http::domain_json(d));
    std::cout << json::serialize(a) << "\n";
    return 0;
  }
  for (const auto& d : domains) {
    std::string expiry = "-";
    if (d.tls) expiry = format_utc(certs::Certificate::chain_from_pem(d.tls->chain_pem).front().not_after());
    std::cout << d.name << "\trealm=" << d.realm << "\ttls-expires=" << expiry << "\n";
  }
  return 0;
}

int domain_show(const AdminOptions& o) {
  AdminSession s(o);
  const std::string name = normalise_domain_name(o.name);
  const auto d = s.store.async_get_domain(name, asio::use_future).get();
  if (!d) throw std::runtime_error("domain " + name + " is not hosted here");
  const auto j = http::domain_json(*d);
  if (o.json) {
    std::cout << json::serialize(j) << "\n";
    return 0;
  }
  std::cout << "domain: " << d->name << "\nrealm: " << d->realm << "\n";
  print_cert_lines("tls", j.at("tls"));
  print_cert_lines("identity", j.at("identity"));
  std::cout << "identity-alg: " << d->identity_alg << "\n";
  return 0;
}

int domain_add(const AdminOptions& o) {
  http::NewDomain request{normalise_domain_name(o.name), o.realm, std::nullopt, std::nullopt};
  if (o.tls_cert.empty() != o.tls_key.empty()) throw std::runtime_error("--tls-cert and --tls-key go together");
  if (o.identity_cert.empty() != o.identity_key.empty()) {
    throw std::runtime_error("--identity-cert and --identity-key go together");
  }
  // Read and check every file before touching the database.
  if (!o.tls_cert.empty()) request.tls = load_cert_and_key({o.tls_cert, o.tls_key}, certs::CertifiedKeyUse::tls);
  if (!o.identity_cert.empty()) {
    request.identity = load_cert_and_key({o.identity_cert, o.identity_key}, certs::CertifiedKeyUse::identity);
  }

  AdminSession s(o);
  http::TestCaIssuer issuer;
  if (s.target.embedded()) {
    issuer = [dir = s.target.data_dir() / "test-ca"](const std::string& name) {
      return TestCa::load_or_create(dir).issue_domain(name);
    };
  }
  const std::string name = request.name;
  db::Domain d;
  try {
    d = http::domain_record(std::move(request), issuer);
  } catch (const http::TestCaUnavailable&) {
    throw std::runtime_error("--tls-cert/--tls-key and --identity-cert/--identity-key are required with --db "
                             "(the local test CA exists only on the embedded default)");
  }
  s.store.async_add_domain(d, admin_actor(), asio::use_future).get();
  std::cout << "added domain " << name << "\n";
  return 0;
}

int domain_remove(const AdminOptions& o) {
  AdminSession s(o);
  const std::string name = normalise_domain_name(o.name);
  try {
    s.store.async_remove_domain(name, o.force, admin_actor(), asio::use_future).get();
  } catch (const db::Conflict& e) {
    throw std::runtime_error(std::string(e.what()) + " (use --force to remove them too)");
  }
  std::cout << "removed domain " << name << "\n";
  return 0;
}

std::string read_password_line() {
  std::string pw;
  if (!std::getline(std::cin, pw) || pw.empty()) throw std::runtime_error("no password on standard input");
  if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  return pw;
}

db::Domain domain_of_user(AdminSession& s, const std::string& aor) {
  const std::string domain = aor.substr(aor.find('@') + 1);
  const auto d = s.store.async_get_domain(domain, asio::use_future).get();
  if (!d) throw std::runtime_error("domain " + domain + " is not hosted here (add it with: credsvc admin domain add)");
  return *d;
}

int user_add(const AdminOptions& o) {
  if (!o.password_stdin) throw std::runtime_error("give the password on standard input with --password-stdin");
  const std::string aor = http::admin_aor(o.aor);
  std::string password = read_password_line();
  AdminSession s(o);
  const auto d = domain_of_user(s, aor);
  db::User u;
  u.aor = aor;
  u.domain = d.name;
  u.ha1 = http::password_hashes(aor, d.realm, password);
  try {
    s.store.async_add_user(u, admin_actor(), asio::use_future).get();
  } catch (const db::Conflict&) {
    throw std::runtime_error("user " + aor + " already exists");
  }
  std::cout << "added user " << aor << "\n";
  return 0;
}

// A new password also ends the user's credential subscriptions (RFC 6072 §8):
// every running instance hears of the change.
int user_passwd(const AdminOptions& o) {
  if (!o.password_stdin) throw std::runtime_error("give the new password on standard input with --password-stdin");
  const std::string aor = http::admin_aor(o.aor);
  std::string password = read_password_line();
  AdminSession s(o);
  const auto d = domain_of_user(s, aor);
  try {
    s.store.async_set_password_hashes(aor, http::password_hashes(aor, d.realm, password), admin_actor(), asio::use_future)
        .get();
  } catch (const db::NotFound&) {
    throw std::runtime_error("user " + aor + " does not exist");
  }
  std::cout << "changed the password of " << aor << "\n";
  return 0;
}

int set_enabled(const AdminOptions& o, bool enabled) {
  const std::string aor = http::admin_aor(o.aor);
  AdminSession s(o);
  try {
    s.store.async_set_user_enabled(aor, enabled, admin_actor(), asio::use_future).get();
  } catch (const db::NotFound&) {
    throw std::runtime_error("user " + aor + " does not exist");
  }
  std::cout << (enabled ? "enabled " : "disabled ") << aor << "\n";
  return 0;
}
int user_disable(const AdminOptions& o) { return set_enabled(o, false); }
int user_enable(const AdminOptions& o) { return set_enabled(o, true); }

int user_list(const AdminOptions& o) {
  AdminSession s(o);
  std::optional<std::string> filter;
  if (!o.domain_filter.empty()) filter = normalise_domain_name(o.domain_filter);
  const auto users = s.store.async_list_users(filter, asio::use_future).get();
  if (o.json) {
    json::array a;
    for (const auto& u : users) a.emplace_back(http::user_json(u));
    std::cout << json::serialize(a) << "\n";
    return 0;
  }
  for (const auto& u : users) std::cout << u.aor << "\t" << (u.enabled ? "enabled" : "disabled") << "\n";
  return 0;
}

}  // namespace

void add_admin_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<AdminOptions>();
  auto* admin = app.add_subcommand("admin", "Administer domains and users");
  admin->require_subcommand(1);
  add_database_options(*admin, o->database);
  add_logging_options(*admin, o->logging);
  admin->parse_complete_callback([o] { setup_logging(o->logging); });

  const auto run = [o, &exit_code](int (*fn)(const AdminOptions&)) {
    return [o, &exit_code, fn] { exit_code = fn(*o); };
  };

  auto* domain = admin->add_subcommand("domain", "Hosted domains")->require_subcommand(1);
  auto* dlist = domain->add_subcommand("list", "List hosted domains");
  dlist->add_flag("--json", o->json, "one JSON array");
  dlist->callback(run(domain_list));
  auto* dshow = domain->add_subcommand("show", "Show a domain and its certificates");
  dshow->add_option("NAME", o->name)->required();
  dshow->add_flag("--json", o->json, "one JSON object");
  dshow->callback(run(domain_show));
  auto* dadd = domain->add_subcommand("add", "Host a domain");
  dadd->add_option("NAME", o->name)->required();
  dadd->add_option("--realm", o->realm, "Digest realm (default: the domain name)");
  dadd->add_option("--tls-cert", o->tls_cert, "PEM chain for TLS (SNI), leaf first");
  dadd->add_option("--tls-key", o->tls_key, "PKCS#8 PEM key of --tls-cert");
  dadd->add_option("--identity-cert", o->identity_cert, "PEM chain of the identity (signing) certificate");
  dadd->add_option("--identity-key", o->identity_key, "PKCS#8 PEM RSA key of --identity-cert");
  dadd->callback(run(domain_add));
  auto* dremove = domain->add_subcommand("remove", "Stop hosting a domain");
  dremove->add_option("NAME", o->name)->required();
  dremove->add_flag("--force", o->force, "also remove its users and their credentials");
  dremove->callback(run(domain_remove));
  add_domain_rotate_command(*domain, o, exit_code);

  auto* user = admin->add_subcommand("user", "Users of hosted domains")->require_subcommand(1);
  auto* uadd = user->add_subcommand("add", "Add a user (password from standard input)");
  uadd->add_option("AOR", o->aor, "user@domain")->required();
  uadd->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
  uadd->callback(run(user_add));
  auto* ulist = user->add_subcommand("list", "List users");
  ulist->add_option("DOMAIN", o->domain_filter);
  ulist->add_flag("--json", o->json, "one JSON array");
  ulist->callback(run(user_list));
  auto* upasswd = user->add_subcommand("passwd", "Change a user's password (from standard input)");
  upasswd->add_option("AOR", o->aor, "user@domain")->required();
  upasswd->add_flag("--password-stdin", o->password_stdin, "read the new password from standard input");
  upasswd->callback(run(user_passwd));
  auto* udisable = user->add_subcommand("disable", "Refuse a user's requests (ends credential subscriptions)");
  udisable->add_option("AOR", o->aor, "user@domain")->required();
  udisable->callback(run(user_disable));
  auto* uenable = user->add_subcommand("enable", "Accept a disabled user's requests again");
  uenable->add_option("AOR", o->aor, "user@domain")->required();
  uenable->callback(run(user_enable));

  add_admin_credential_commands(*admin, o, exit_code);
  add_admin_token_commands(*admin, o, exit_code);
}

}  // namespace credsvc::cli
