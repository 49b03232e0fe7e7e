#include "cli/admin_credential_commands.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <iostream>

#include "http/address_view.hpp"
#include "http/admin_json.hpp"
#include "http/admin_names.hpp"
#include "http/time_format.hpp"

namespace credsvc::cli {
namespace asio = boost::asio;
namespace json = boost::json;
using http::format_utc;

namespace {

// "live subscribers: certificate 2, credential 1 (2 of 2 instances answered)"
std::string live_line(const db::LiveSubscribers& live) {
  if (live.running == 0) return "live subscribers: unknown (no server is running)";
  std::string line = "live subscribers: certificate " + std::to_string(live.certificate()) + ", credential " +
                     std::to_string(live.credential()) + " (" + std::to_string(live.answers.size()) + " of " +
                     std::to_string(live.running) + (live.running == 1 ? " instance" : " instances") + " answered";
  if (!live.complete()) line += "; the others did not answer in time";
  return line + ")";
}

int show(const AdminOptions& o) {
  const std::string aor = http::admin_aor(o.aor);
  AdminSession s(o);
  const auto view =
      s.store.async_run([aor](pqxx::work& tx) { return http::read_address(tx, aor); }, asio::use_future).get();
  if (view.unknown()) throw std::runtime_error("no user " + aor);
  json::object out = http::address_json(aor, view);
  std::optional<db::LiveSubscribers> live;
  out["live_subscribers"] = nullptr;
  if (o.live_wait_ms > 0) {
    live = s.store.async_live_subscribers(aor, std::chrono::milliseconds(o.live_wait_ms), asio::use_future).get();
    out["live_subscribers"] = http::live_subscribers_json(*live);
  }
  if (o.json) {
    std::cout << json::serialize(out) << "\n";
    return 0;
  }
  std::cout << "aor: " << aor << "\nuser: " << (view.user ? (view.user->enabled ? "enabled" : "disabled") : "none")
            << "\n";
  if (!view.credential) {
    std::cout << "credential: none\n";
  } else {
    const auto& c = out.at("credential").as_object();
    const auto text = [&](const char* k) { return c.contains(k) ? std::string(c.at(k).as_string()) : std::string("-"); };
    std::cout << "credential: version " << view.credential->version << ", etag " << view.credential->etag << "\n"
              << "  subject: " << text("subject") << "\n  issuer: " << text("issuer") << "\n  san-uris:";
    if (c.contains("san_uris")) {
      for (const auto& u : c.at("san_uris").as_array()) std::cout << " " << u.as_string().c_str();
    }
    std::cout << "\n  valid: " << text("not_before") << " to " << text("not_after")
              << "\n  spki-sha256: " << view.credential->spki_sha256 << "\n  key: " << text("key")
              << "\n  publication-expires: " << text("publication_expires") << "\n";
  }
  if (live) std::cout << live_line(*live) << "\n";
  for (const auto& r : view.revoked) {
    std::cout << "revoked key: " << r.spki_sha256 << " at " << format_utc(r.revoked_at) << " by " << r.revoked_by
              << " (" << r.reason << ")\n";
  }
  return 0;
}

int revoke(const AdminOptions& o) {
  const std::string aor = http::admin_aor(o.aor);
  const std::string reason = o.reason.empty() ? "revoked by an administrator" : o.reason;
  AdminSession s(o);
  const auto revoked = s.store.async_revoke_credential(aor, reason, admin_actor(), asio::use_future).get();
  if (!revoked) throw std::runtime_error("no credential stored for " + aor);
  std::cout << "revoked the credential of " << aor << ": key " << revoked->spki_sha256
            << " can never be published again\n";
  return 0;
}

int audit(const AdminOptions& o) {
  std::optional<std::string> aor;
  if (!o.aor.empty()) aor = http::admin_aor(o.aor);
  std::optional<db::TimePoint> since;
  if (!o.since.empty()) since = http::parse_since(o.since, std::chrono::system_clock::now());
  AdminSession s(o);
  const auto entries = s.store.async_list_audit(aor, since, o.limit, asio::use_future).get();
  if (o.json) {
    json::array a;
    for (const auto& e : entries) a.emplace_back(http::audit_entry_json(e));
    std::cout << json::serialize(a) << "\n";
    return 0;
  }
  for (const auto& e : entries) {
    std::cout << format_utc(e.at) << "\t" << e.actor << "\t" << e.action << "\t" << e.aor.value_or("-") << "\t"
              << e.detail << "\n";
  }
  return 0;
}

}  // namespace

void add_admin_credential_commands(CLI::App& admin, const std::shared_ptr<AdminOptions>& o, int& exit_code) {
  const auto run = [o, &exit_code](int (*fn)(const AdminOptions&)) {
    return [o, &exit_code, fn] { exit_code = fn(*o); };
  };
  auto* cshow = admin.add_subcommand("show", "Show a user and its published credential");
  cshow->add_option("AOR", o->aor, "user@domain")->required();
  cshow->add_flag("--json", o->json, "one JSON object");
  cshow->add_option("--live-wait", o->live_wait_ms,
                    "milliseconds to wait for every running server's live subscriber counts (0: do not ask)")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  cshow->callback(run(show));
  auto* crevoke = admin.add_subcommand("revoke", "Revoke a user's credential; its key can never be published again");
  crevoke->add_option("AOR", o->aor, "user@domain")->required();
  crevoke->add_option("--reason", o->reason, "why (kept in the revoked list and the audit log)");
  crevoke->callback(run(revoke));
  auto* caudit = admin.add_subcommand("audit", "The audit log, newest first");
  caudit->add_option("AOR", o->aor, "only entries about this user@domain");
  caudit->add_option("--since", o->since, "only entries since a UTC time (2026-11-21T13:27:00Z) or a span (24h, 7d)");
  caudit->add_option("--limit", o->limit, "at most this many entries")->check(CLI::Range(1, 100000))->capture_default_str();
  caudit->add_flag("--json", o->json, "one JSON array");
  caudit->callback(run(audit));
}

}  // namespace credsvc::cli
