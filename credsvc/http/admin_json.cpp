#include "http/admin_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <algorithm>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/pkcs8_key.hpp"
#include "http/time_format.hpp"

namespace credsvc::http {
namespace json = boost::json;

namespace {

json::value optional_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

}  // namespace

json::object certificate_chain_json(const std::string& chain_pem) {
  const auto chain = certs::Certificate::chain_from_pem(chain_pem);
  const auto& leaf = chain.front();
  json::object o;
  o["subject"] = leaf.subject();
  o["issuer"] = leaf.issuer();
  json::array dns;
  for (const auto& n : leaf.san_dns()) dns.emplace_back(n);
  o["san_dns"] = std::move(dns);
  o["not_before"] = format_utc(leaf.not_before());
  o["not_after"] = format_utc(leaf.not_after());
  o["spki_sha256"] = leaf.spki_fingerprint_sha256();
  o["key"] = std::string(certs::to_string(leaf.key_info().type)) + "-" + std::to_string(leaf.key_info().bits);
  o["chain_length"] = chain.size();
  return o;
}

json::object domain_json(const db::Domain& d) {
  json::object o;
  o["name"] = d.name;
  o["realm"] = d.realm;
  o["tls"] = d.tls ? json::value(certificate_chain_json(d.tls->chain_pem)) : json::value(nullptr);
  o["identity"] = d.identity ? json::value(certificate_chain_json(d.identity->chain_pem)) : json::value(nullptr);
  o["identity_alg"] = d.identity_alg;
  o["created_at"] = format_utc(d.created_at);
  return o;
}

json::object user_json(const db::User& u) {
  return json::object{{"aor", u.aor}, {"domain", u.domain}, {"enabled", u.enabled}, {"created_at", format_utc(u.created_at)}};
}

json::object credential_json(const db::Credential& c) {
  json::object o;
  try {
    const auto cert = certs::Certificate::from_der(c.certificate_der);
    o["subject"] = cert.subject();
    o["issuer"] = cert.issuer();
    json::array uris;
    for (const auto& u : cert.san_uris()) uris.emplace_back(u);
    o["san_uris"] = std::move(uris);
    o["fingerprint_sha256"] = cert.fingerprint_sha256();
  } catch (const certs::Error& e) {
    o["error"] = std::string("stored certificate unreadable: ") + e.what();
  }
  o["not_before"] = format_utc(c.not_before);
  o["not_after"] = format_utc(c.not_after);
  o["spki_sha256"] = c.spki_sha256;
  const char* key = "none";
  if (c.pkcs8_der) {
    key = certs::classify_pkcs8(*c.pkcs8_der) == certs::Pkcs8Kind::encrypted ? "encrypted" : "plain";
  }
  o["key"] = key;
  o["etag"] = c.etag;
  o["publication_expires"] = format_utc(c.publication_expires);
  o["version"] = c.version;
  o["updated_at"] = format_utc(c.updated_at);
  return o;
}

json::object revoked_key_json(const db::RevokedKey& r) {
  return json::object{{"spki_sha256", r.spki_sha256},
                      {"reason", r.reason},
                      {"revoked_at", format_utc(r.revoked_at)},
                      {"revoked_by", r.revoked_by}};
}

json::object address_json(const std::string& aor, const AddressView& view) {
  json::object out;
  out["aor"] = aor;
  out["enabled"] = view.user ? json::value(view.user->enabled) : json::value(nullptr);
  if (view.user) out["password_changed_at"] = format_utc(view.user->password_changed_at);
  out["credential"] = view.credential ? json::value(credential_json(*view.credential)) : json::value(nullptr);
  json::array keys;
  for (const auto& r : view.revoked) keys.emplace_back(revoked_key_json(r));
  out["revoked_keys"] = std::move(keys);
  return out;
}

json::object live_subscribers_json(const db::LiveSubscribers& live) {
  json::array per_instance;
  for (const auto& a : live.answers) {
    per_instance.emplace_back(json::object{{"instance", a.instance},
                                           {"host", a.host},
                                           {"pid", a.pid},
                                           {"certificate", a.certificate},
                                           {"credential", a.credential}});
  }
  return json::object{{"instances_running", live.running},
                      {"instances_answered", live.answers.size()},
                      {"certificate", live.certificate()},
                      {"credential", live.credential()},
                      {"per_instance", std::move(per_instance)}};
}

json::object audit_entry_json(const db::AuditEntry& e) {
  return json::object{{"id", e.id},
                      {"at", format_utc(e.at)},
                      {"actor", e.actor},
                      {"action", e.action},
                      {"aor", optional_text(e.aor)},
                      {"domain", optional_text(e.domain)},
                      {"detail", json::parse(e.detail)}};
}

json::object api_token_json(const db::ApiToken& t) {
  return json::object{{"id", t.id},
                      {"name", t.name},
                      {"scope", t.scope},
                      {"created_at", format_utc(t.created_at)},
                      {"created_by", t.created_by},
                      {"revoked_at", t.revoked_at ? json::value(format_utc(*t.revoked_at)) : json::value(nullptr)}};
}

std::string_view credential_status(const db::ListedCredential& listed, db::TimePoint now) {
  const auto& c = listed.credential;
  if (now < c.not_before) return "not_yet_valid";
  if (c.not_after <= now) return "expired";
  if (c.publication_expires <= now) return "lapsed";
  if (!listed.user_enabled) return "disabled";
  return "active";
}

json::object listed_credential_json(const db::ListedCredential& listed, db::TimePoint now) {
  const auto& c = listed.credential;
  json::object o{{"aor", c.aor},
                 {"status", credential_status(listed, now)},
                 {"user_enabled", listed.user_enabled},
                 {"expires_at", format_utc(std::min(c.not_after, c.publication_expires))}};
  for (auto& [key, value] : credential_json(c)) o[key] = std::move(value);
  return o;
}

json::object listed_revoked_key_json(const db::RevokedKey& key) {
  json::object o{{"aor", key.aor}, {"status", "revoked"}, {"expires_at", nullptr}};
  for (auto& [k, value] : revoked_key_json(key)) o[k] = std::move(value);
  return o;
}

}  // namespace credsvc::http
