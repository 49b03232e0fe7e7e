#include "cli/fetch_command.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "certs/file_io.hpp"
#include "cli/one_line.hpp"
#include "http/time_format.hpp"
#include "cli/ua_client_options.hpp"
#include "ua/client_settings.hpp"
#include "ua/identity_chain_fetcher.hpp"
#include "ua/notify_checker.hpp"
#include "ua/received_key.hpp"
#include "ua/secret_input.hpp"
#include "ua/subscription.hpp"
#include "ua/user_agent.hpp"

namespace credsvc::cli {
namespace json = boost::json;
using http::format_utc;

namespace {

// RFC 6072 §7.3 leaves the duration to the subscriber; an hour, refreshed.
constexpr std::uint32_t kWatchExpires = 3600;

struct FetchOptions {
  UaClientOptions client;
  std::string out;
  bool json = false;
  bool watch = false;
  // --credential
  bool credential = false;
  std::string user;
  bool password_stdin = false;
  bool passphrase_stdin = false;
  std::string key_out;
  bool keep_encrypted = false;
};

// --user is "alice" (in the AOR's domain) or a whole AOR.
ua::AorParts user_aor(const std::string& user, const ua::AorParts& target) {
  return ua::parse_aor(user.find('@') != std::string::npos ? user : user + "@" + target.domain);
}

json::object certificate_json(const ua::NotifyVerdict& v) {
  const certs::Certificate& c = *v.certificate;
  return json::object{{"aor", v.asserted_aor},
                      {"fingerprint_sha256", c.fingerprint_sha256()},
                      {"not_before", format_utc(c.not_before())},
                      {"not_after", format_utc(c.not_after())},
                      {"subject", c.subject()},
                      {"verified", true}};
}

// Refresh well before the subscription runs out (RFC 6665 §4.1.2.2).
std::chrono::seconds refresh_delay(std::uint32_t granted) {
  return std::chrono::seconds(granted > 120 ? granted - 60 : std::max<std::uint32_t>(granted / 2, 1));
}

class FetchRun {
 public:
  explicit FetchRun(const FetchOptions& o)
      : o_(o),
        settings_(make_client_settings(o.client)) {}

  int run() {
    ua::SubscribeSpec spec;
    spec.target = settings_.aor;
    spec.subscriber = settings_.aor.canonical;
    spec.package = o_.credential ? ua::EventPackage::credential : ua::EventPackage::certificate;
    spec.expires = o_.watch ? kWatchExpires : 0;
    std::optional<ua::DigestLogin> login;
    if (o_.credential) {
      std::vector<std::string> names{"password"};
      if (o_.passphrase_stdin) names.emplace_back("passphrase");
      auto secrets = ua::read_secret_lines(std::cin, names);
      const ua::AorParts user = user_aor(o_.user, settings_.aor);
      login = ua::DigestLogin{user.user, std::move(secrets[0])};
      spec.subscriber = user.canonical;
      if (o_.passphrase_stdin) passphrase_ = std::move(secrets[1]);
    }

    ua::SipTlsConnection connection(settings_.tls_options());
    ua::UserAgent agent(connection, settings_.timeout);
    ua::IdentityChainFetcher fetcher(settings_.fetcher_options());
    ua::NotifyChecker checker(fetcher, settings_.notify_trust(), settings_.aor.canonical);
    ua::Subscription subscription(agent, spec, login);
    return o_.watch ? watch(agent, subscription, checker) : fetch_once(subscription, checker);
  }

 private:
  // Expires: 0: one NOTIFY with the current state (RFC 6665 §4.1.2.4).
  int fetch_once(ua::Subscription& subscription, ua::NotifyChecker& checker) {
    subscription.subscribe();
    const auto notify = subscription.next_notify(std::chrono::steady_clock::now() + settings_.timeout);
    if (!notify) throw std::runtime_error("no NOTIFY within " + std::to_string(o_.client.timeout) + " s");
    const ua::NotifyVerdict v = checker.check(*notify);
    if (!v.ok()) throw std::runtime_error(v.reason);

    // Everything is checked before anything is written.
    std::optional<ua::KeyPem> key;
    if (o_.credential && !o_.key_out.empty()) {
      if (!v.pkcs8_der) throw std::runtime_error("the stored credential has no private key");
      key = ua::received_key_pem(*v.pkcs8_der, *v.certificate, passphrase_, o_.keep_encrypted);
    }
    const std::string pem = v.certificate->to_pem();
    if (!o_.out.empty()) certs::write_file(o_.out, certs::as_bytes(pem));
    if (key) certs::write_file(o_.key_out, certs::as_bytes(key->pem), true);
    if (o_.json) {
      json::object j = certificate_json(v);
      if (o_.credential) j["key_written"] = key.has_value();
      std::cout << json::serialize(j) << std::endl;
    } else if (o_.out.empty()) {
      std::cout << pem << std::flush;
    }
    return 0;
  }

  // Stays subscribed: a line per NOTIFY until a signal or the end of the
  // subscription; exit 1 when any NOTIFY failed verification.
  int watch(ua::UserAgent& agent, ua::Subscription& subscription, ua::NotifyChecker& checker) {
    agent.connection().stop_on_signals();
    auto refresh_at = std::chrono::steady_clock::now() + refresh_delay(subscription.subscribe());
    bool failed = false;
    for (;;) {
      const auto notify = subscription.next_notify(refresh_at);
      if (agent.interrupted()) {
        subscription.unsubscribe();
        break;
      }
      if (!notify) {
        refresh_at = std::chrono::steady_clock::now() + refresh_delay(subscription.refresh(kWatchExpires));
        continue;
      }
      failed = !report(checker.check(*notify)) || failed;
      const auto state = notify->subscription_state();
      if (state && *state && (*state)->state == sip::SubState::Terminated) {
        const std::string reason((*state)->reason().value_or("none"));
        // The notifier ended it: for these reasons the resource is gone or refused.
        if (reason == "rejected" || reason == "noresource") {
          throw std::runtime_error("subscription terminated (reason=" + reason + ")");
        }
        std::cerr << "credsvc: " << o_.client.aor << ": subscription terminated (reason=" << reason << ")" << std::endl;
        break;
      }
    }
    return failed ? 1 : 0;
  }

  // One line on stdout per NOTIFY, or the failed check on stderr.
  bool report(const ua::NotifyVerdict& v) {
    if (v.ok()) {
      if (!o_.out.empty()) certs::write_file(o_.out, certs::as_bytes(v.certificate->to_pem()));
      if (o_.json) {
        std::cout << json::serialize(certificate_json(v)) << std::endl;
      } else {
        std::cout << v.certificate->fingerprint_sha256() << std::endl;
      }
      return true;
    }
    if (v.failed == ua::NotifyCheck::no_certificate) {
      if (o_.json) {
        std::cout << json::serialize(json::object{{"aor", v.asserted_aor}, {"certificate", nullptr}}) << std::endl;
      } else {
        std::cout << "no certificate" << std::endl;
      }
      return true;
    }
    std::cerr << "credsvc: error: " << o_.client.aor << ": " << one_line(v.reason) << std::endl;
    return false;
  }

  const FetchOptions& o_;
  ua::ClientSettings settings_;
  std::optional<std::string> passphrase_;
};

int run_fetch(const FetchOptions& o) {
  return run_ua_command(o.client, [&] { return FetchRun(o).run(); });
}

}  // namespace

void add_fetch_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<FetchOptions>();
  auto* cmd = app.add_subcommand("fetch", "Fetch and verify an AOR's certificate (RFC 6072 certificate package)");
  add_ua_client_options(*cmd, o->client, "PEM trust anchors for the server's TLS and identity certificates");
  cmd->add_option("--out", o->out, "write the certificate (PEM) here instead of standard output");
  cmd->add_flag("--json", o->json, "print one JSON object (aor, fingerprint_sha256, not_before, not_after, subject, verified)");
  auto* watch = cmd->add_flag("--watch", o->watch, "stay subscribed and print a line per NOTIFY until SIGINT/SIGTERM");
  auto* credential =
      cmd->add_flag("--credential", o->credential, "fetch your own credential (certificate and key) with Digest");
  auto* user = cmd->add_option("--user", o->user, "Digest user (user part or user@domain)");
  auto* password = cmd->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
  auto* passphrase =
      cmd->add_flag("--passphrase-stdin", o->passphrase_stdin, "second stdin line: passphrase of an encrypted key");
  auto* key_out = cmd->add_option("--key-out", o->key_out, "write the private key (PKCS#8 PEM, mode 0600) here");
  auto* keep = cmd->add_flag("--keep-encrypted", o->keep_encrypted, "write an encrypted key as it is, without a passphrase");
  credential->needs(user)->needs(password)->excludes(watch);
  user->needs(credential);
  password->needs(credential);
  passphrase->needs(credential);
  key_out->needs(credential);
  keep->needs(key_out);
  cmd->callback([o, &exit_code] { exit_code = run_fetch(*o); });
}

}  // namespace credsvc::cli
