#include "deployment.hpp"

#include <signal.h>

#include <boost/asio/use_future.hpp>

#include "auth/digest_algorithm.hpp"
#include "cli/test_ca.hpp"
#include "db/migrations.hpp"
#include "test_postgres.hpp"

namespace credsvc::testing::events {
namespace asio = boost::asio;

namespace {

constexpr const char* kDomain = "example.test";

db::DigestHa1 ha1_of(const std::string& name, const std::string& password) {
  using auth::DigestAlgorithm;
  return db::DigestHa1{auth::compute_ha1(DigestAlgorithm::md5, name, kDomain, password),
                       auth::compute_ha1(DigestAlgorithm::sha256, name, kDomain, password),
                       auth::compute_ha1(DigestAlgorithm::sha512_256, name, kDomain, password)};
}

certs::Certificate make_ca_and_domain(const std::filesystem::path& dir, db::Store& store) {
  const auto ca = cli::TestCa::load_or_create(dir);
  store.async_add_domain(ca.issue_domain(kDomain), "test", asio::use_future).get();
  return ca.certificate();
}

db::StoreOptions store_options(const std::string& conninfo) {
  db::StoreOptions o;
  o.conninfo = conninfo;
  o.pool_size = 2;
  return o;
}

}  // namespace

Deployment::Deployment()
    : conninfo_([] {
        auto c = fresh_database();
        db::apply_migrations(c);
        return c;
      }()),
      store_(std::make_unique<db::Store>(store_options(conninfo_))),
      ca_certificate_(make_ca_and_domain(temp_.path() / "ca", *store_)) {}

Deployment::~Deployment() = default;

std::string Deployment::ca_file() const { return (temp_.path() / "ca" / "ca.pem").string(); }

void Deployment::add_user(const std::string& name, const std::string& password) {
  db::User u;
  u.aor = name + "@" + kDomain;
  u.domain = kDomain;
  u.ha1 = ha1_of(name, password);
  store_->async_add_user(u, "test", asio::use_future).get();
}

void Deployment::change_password(const std::string& name, const std::string& password) {
  store_->async_set_password_hashes(name + "@" + kDomain, ha1_of(name, password), "test", asio::use_future).get();
}

std::unique_ptr<ServerProcess> Deployment::start_server(std::vector<std::string> flags) const {
  // Few threads and a small pool: the machine running the tests is shared.
  flags.insert(flags.end(), {"--threads", "2", "--db-pool", "3"});
  return std::make_unique<ServerProcess>(ServerProcessOptions{conninfo_, ca_file(), std::move(flags)});
}

std::optional<db::Credential> Deployment::credential(const std::string& aor) {
  return store_->async_get_credential(aor, asio::use_future).get();
}

std::int64_t Deployment::audit_rows(const std::string& aor) {
  return store_->run_sync([aor](pqxx::work& tx) {
    return tx.exec_params("SELECT count(*) FROM audit WHERE aor = $1", aor)[0][0].as<std::int64_t>();
  });
}

::testing::AssertionResult stopped_cleanly(ServerProcess& server) {
  server.child().signal(SIGTERM);
  const auto code = server.child().wait(std::chrono::seconds(60));
  const std::string log = server.child().err();
  const auto tail = log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
  if (!code) return ::testing::AssertionFailure() << "credsvc serve did not stop within 60 s";
  if (*code != 0) return ::testing::AssertionFailure() << "credsvc serve exited with " << *code << ":\n" << tail;
  for (const char* finding : {"Sanitizer", "runtime error:"}) {
    if (log.find(finding) != std::string::npos) {
      return ::testing::AssertionFailure() << "credsvc serve reported a sanitizer finding:\n" << tail;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace credsvc::testing::events
