// /api/v1/domains: list, show, add (given certificates or the test CA),
// remove (?force=true with users), and certificate rotation.
#include "db/domain_table.hpp"
#include "db/errors.hpp"
#include "http/admin_call.hpp"
#include "http/admin_json.hpp"
#include "http/admin_request.hpp"

namespace credsvc::http {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

AdminError unknown_domain(const std::string& name) {
  return AdminError(Status::not_found, "unknown_domain", "domain " + name + " is not hosted here");
}

// A certified key from two members, checked; nullopt when both are absent.
std::optional<db::PemPair> certified_key(const JsonBody& body, const std::string& chain_field,
                                         const std::string& key_field, certs::CertifiedKeyUse use) {
  const auto chain = body.optional_string(chain_field);
  const auto key = body.optional_string(key_field);
  if (!chain && !key) return std::nullopt;
  if (!chain || !key) {
    throw AdminError(Status::bad_request, "missing_field", "'" + chain_field + "' and '" + key_field + "' go together");
  }
  try {
    return checked_pem_pair(*chain, *key, use);
  } catch (const certs::CertifiedKeyError& e) {
    switch (e.fault()) {
      case certs::CertifiedKeyFault::certificate:
        throw AdminError(Status::bad_request, "invalid_certificate", chain_field + ": " + e.what());
      case certs::CertifiedKeyFault::key:
        throw AdminError(Status::bad_request, "invalid_key", key_field + ": " + e.what());
      case certs::CertifiedKeyFault::mismatch:
        throw AdminError(Status::bad_request, "key_mismatch",
                         key_field + ": private key does not match the certificate in " + chain_field);
      case certs::CertifiedKeyFault::identity_key:
        break;
    }
    throw AdminError(Status::bad_request, "weak_identity_key", key_field + ": " + e.what());
  }
}

asio::awaitable<Response> list_domains(AdminApi& api, const AdminCall& call) {
  auto read = [](pqxx::work& tx) { return db::list_domains(tx); };
  const auto domains = co_await audited_read(api, call, std::move(read));
  co_return admin_json_list(domains, domain_json);
}

asio::awaitable<Response> get_domain(AdminApi& api, const AdminCall& call) {
  const std::string name = domain_name_input(call.segment(0, 1));
  // Thrown inside the transaction: a refused read leaves no audit row.
  auto read = [name](pqxx::work& tx) {
    auto domain = db::get_domain(tx, name);
    if (!domain) throw unknown_domain(name);
    return std::move(*domain);
  };
  const auto domain = co_await audited_read(api, call, std::move(read), std::nullopt, name);
  co_return admin_json_response(domain_json(domain));
}

asio::awaitable<Response> add_domain(AdminApi& api, const AdminCall& call) {
  const auto body = JsonBody::parse(
      call.request, {"name", "realm", "tls_chain", "tls_key", "identity_chain", "identity_key", "test_ca"});
  NewDomain request{domain_name_input(body.required_string("name")), body.optional_string("realm").value_or(""),
                    certified_key(body, "tls_chain", "tls_key", certs::CertifiedKeyUse::tls),
                    certified_key(body, "identity_chain", "identity_key", certs::CertifiedKeyUse::identity)};
  const bool complete = request.tls && request.identity;
  TestCaIssuer issuer;
  if (!complete) {
    if (!body.optional_bool("test_ca").value_or(false)) {
      throw AdminError(Status::bad_request, "missing_field",
                       "tls_chain/tls_key and identity_chain/identity_key are required (or \"test_ca\": true on a "
                       "development server)");
    }
    if (!api.options.test_ca) {
      throw AdminError(Status::conflict, "test_ca_unavailable",
                       "this server has no local test CA (only the embedded default has one): give the certificates");
    }
    issuer = api.options.test_ca;
  }
  const std::string name = request.name;
  try {
    // Issuing (an RSA key) and storing happen in the store's pool, off the I/O threads.
    auto job = [request = std::move(request), issuer, actor = call.actor](pqxx::work& tx) {
      return db::add_domain(tx, domain_record(request, issuer), actor);
    };
    const auto added = co_await api.store.async_run(std::move(job), asio::use_awaitable);
    co_return admin_json_response(domain_json(added), Status::created);
  } catch (const db::Conflict&) {
    throw AdminError(Status::conflict, "domain_exists", "domain " + name + " already exists");
  }
}

asio::awaitable<Response> remove_domain(AdminApi& api, const AdminCall& call) {
  const std::string name = domain_name_input(call.segment(0, 1));
  const bool force = QueryParams::parse(call.context.query, {"force"}).flag("force", false);
  try {
    co_await api.store.async_remove_domain(name, force, call.actor, asio::use_awaitable);
  } catch (const db::NotFound&) {
    throw unknown_domain(name);
  } catch (const db::Conflict& e) {
    throw AdminError(Status::conflict, "domain_has_users", std::string(e.what()) + " (add ?force=true to remove them too)");
  }
  co_return admin_json_response(json::object{{"removed", name}, {"force", force}});
}

// Rotation: a new TLS and/or identity certified key; the other is kept.
asio::awaitable<Response> put_certificates(AdminApi& api, const AdminCall& call) {
  const std::string name = domain_name_input(call.segment(0, 2));
  if (call.segments[1] != "certificates") throw AdminError(Status::not_found, "not_found", "no resource at " + call.context.path);
  const auto body = JsonBody::parse(call.request, {"tls_chain", "tls_key", "identity_chain", "identity_key"});
  db::DomainCertUpdate update;
  update.tls = certified_key(body, "tls_chain", "tls_key", certs::CertifiedKeyUse::tls);
  update.identity = certified_key(body, "identity_chain", "identity_key", certs::CertifiedKeyUse::identity);
  if (!update.tls && !update.identity) {
    throw AdminError(Status::bad_request, "missing_field",
                     "give tls_chain/tls_key, identity_chain/identity_key or both");
  }
  try {
    const auto updated =
        co_await api.store.async_update_domain_certs(name, std::move(update), call.actor, asio::use_awaitable);
    co_return admin_json_response(domain_json(updated));
  } catch (const db::NotFound&) {
    throw unknown_domain(name);
  }
}

}  // namespace

void add_admin_domain_routes(AdminRoutes& routes) {
  routes.add(Verb::get, "/domains", PathMatch::exact, list_domains);
  routes.add(Verb::post, "/domains", PathMatch::exact, add_domain);
  routes.add(Verb::get, "/domains/", PathMatch::prefix, get_domain);
  routes.add(Verb::delete_, "/domains/", PathMatch::prefix, remove_domain);
  routes.add(Verb::put, "/domains/", PathMatch::prefix, put_certificates);
}

}  // namespace credsvc::http
