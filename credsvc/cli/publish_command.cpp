#include "cli/publish_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/file_io.hpp"
#include "certs/pkcs8_key.hpp"
#include "cli/ua_client_options.hpp"
#include "ua/client_settings.hpp"
#include "ua/credential_body.hpp"
#include "ua/etag_store.hpp"
#include "ua/publish_request.hpp"
#include "ua/random_token.hpp"
#include "ua/response_summary.hpp"
#include "ua/secret_input.hpp"
#include "ua/self_signed_credential.hpp"
#include "ua/user_agent.hpp"

namespace credsvc::cli {

namespace {

struct PublishOptions {
  UaClientOptions client;
  std::string user;
  bool password_stdin = false;
  std::string cert;
  std::string key;
  bool generate = false;
  std::string out;  // PREFIX with --generate
  std::string key_type = "p256";
  bool passphrase_stdin = false;
  bool revoke = false;
  std::uint32_t expires = 86400;
  std::string state_dir;
};

// --user is "alice" (in the AOR's domain) or a whole AOR: the Digest
// username is the user part either way.
std::string digest_username(const std::string& user, const ua::AorParts& target) {
  return ua::parse_aor(user.find('@') != std::string::npos ? user : user + "@" + target.domain).user;
}

// What goes into the PUBLISH body.
struct Credential {
  certs::Certificate certificate;
  std::optional<certs::PrivateKey> key;
};

Credential load_credential(const PublishOptions& o, const std::optional<std::string>& passphrase) {
  const certs::Bytes cert_bytes = certs::read_file(o.cert);
  const std::string_view text = certs::as_text(cert_bytes);
  std::optional<certs::Certificate> cert;
  try {
    cert = text.find("-----BEGIN") != std::string_view::npos ? certs::Certificate::from_pem(text)
                                                              : certs::Certificate::from_der(cert_bytes);
  } catch (const certs::Error& e) {
    throw std::runtime_error(o.cert + ": " + e.what());
  }
  Credential c{*cert, std::nullopt};
  if (!o.key.empty()) {
    try {
      c.key = certs::PrivateKey::parse(certs::read_file(o.key), passphrase);
    } catch (const certs::Error& e) {
      throw std::runtime_error(o.key + ": " + e.what());
    }
  }
  return c;
}

// RFC 6072 §10.6; PREFIX.pem and PREFIX.key (0600) are written before the
// PUBLISH, so a published key is never lost.
Credential generate_credential(const PublishOptions& o, const ua::AorParts& aor,
                               const std::optional<std::string>& passphrase) {
  ua::SelfSignedRequest request;
  request.aor = aor.canonical;
  request.key_type = ua::parse_generated_key_type(o.key_type);
  request.now = std::chrono::system_clock::now();
  request.jitter = ua::random_validity_jitter();
  ua::SelfSignedCredential made = ua::generate_self_signed(request);
  const std::string key_pem =
      passphrase ? made.key.to_encrypted_pkcs8_pem(*passphrase) : made.key.to_pkcs8_pem();
  certs::write_file(o.out + ".key", certs::as_bytes(key_pem), true);
  certs::write_file(o.out + ".pem", certs::as_bytes(made.certificate.to_pem()));
  return Credential{made.certificate, made.key};
}

int publish(const PublishOptions& o) {
  const auto settings = make_client_settings(o.client);
  std::vector<std::string> names{"password"};
  if (o.passphrase_stdin) names.emplace_back("passphrase");
  auto secrets = ua::read_secret_lines(std::cin, names);
  const ua::DigestLogin login{digest_username(o.user, settings.aor), std::move(secrets[0])};
  std::optional<std::string> passphrase;
  if (o.passphrase_stdin) passphrase = std::move(secrets[1]);
  const ua::EtagStore etags(o.state_dir.empty() ? ua::EtagStore::default_dir() : std::filesystem::path(o.state_dir));

  ua::PublishSpec spec;
  if (o.revoke) {
    spec = ua::revoke_spec(settings.aor);
  } else {
    const Credential c = o.generate ? generate_credential(o, settings.aor, passphrase) : load_credential(o, passphrase);
    std::optional<certs::Bytes> pkcs8;
    // RFC 6072 §8.9: the key is stored as sent; with a passphrase it is PBES2-encrypted first.
    if (c.key) pkcs8 = passphrase ? c.key->to_encrypted_pkcs8_der(*passphrase) : c.key->to_pkcs8_der();
    auto body = ua::make_publish_body(c.certificate, pkcs8);
    spec.aor = settings.aor;
    spec.expires = o.expires;
    spec.if_match = etags.load(settings.aor.canonical);
    spec.content_type = std::move(body.content_type);
    spec.body = std::move(body.body);
  }

  ua::SipTlsConnection connection(settings.tls_options());
  ua::UserAgent agent(connection, settings.timeout);
  ua::OutgoingRequest request = ua::make_publish(spec, ua::random_hex(16) + "@credsvc", ua::random_hex(8), 1);
  const sip::Message response = agent.send(request, &login);
  if (response.status() < 200 || response.status() >= 300) {
    // RFC 3903 §4.4: our ETag names no publication any more; the next
    // PUBLISH goes out unconditional.
    if (response.status() == 412) etags.forget(settings.aor.canonical);
    throw std::runtime_error(ua::describe_refusal(response));
  }
  if (o.revoke) {
    etags.forget(settings.aor.canonical);
    std::cout << "revoked " << settings.aor.canonical << std::endl;
    return 0;
  }
  const auto etag = response.sip_etag();
  if (!etag || !*etag) throw std::runtime_error("server answered " + std::to_string(response.status()) + " without SIP-ETag");
  etags.save(settings.aor.canonical, **etag);
  const auto expires = response.expires();
  const std::uint32_t granted = expires && *expires ? **expires : o.expires;
  std::cout << "published " << settings.aor.canonical << " etag " << **etag << " expires " << granted << std::endl;
  return 0;
}

int run_publish(const PublishOptions& o) {
  return run_ua_command(o.client, [&] { return publish(o); });
}

}  // namespace

void add_publish_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<PublishOptions>();
  auto* cmd = app.add_subcommand("publish", "Publish (or revoke) an AOR's credential (RFC 6072 PUBLISH)");
  add_ua_client_options(*cmd, o->client, "PEM trust anchors for the server's TLS certificate");
  cmd->add_option("--user", o->user, "Digest user (user part or user@domain)")->required();
  cmd->add_flag("--password-stdin", o->password_stdin, "read the password from standard input")->required();
  auto* cert = cmd->add_option("--cert", o->cert, "certificate to publish (PEM or DER)")->check(CLI::ExistingFile);
  auto* key = cmd->add_option("--key", o->key, "its private key (PKCS#8 PEM or DER) to store too")->check(CLI::ExistingFile);
  auto* generate = cmd->add_flag("--generate", o->generate, "make a fresh key and self-signed certificate (RFC 6072 §10.6)");
  auto* out = cmd->add_option("--out", o->out, "with --generate: write PREFIX.pem and PREFIX.key");
  auto* key_type = cmd->add_option("--key-type", o->key_type, "with --generate: p256 or rsa2048")
                       ->check(CLI::IsMember({"p256", "rsa2048"}))
                       ->capture_default_str();
  cmd->add_flag("--passphrase-stdin", o->passphrase_stdin,
                "second stdin line: passphrase to encrypt the key with (PBES2), or to read --key");
  auto* revoke = cmd->add_flag("--revoke", o->revoke, "remove the published credential (empty PUBLISH, Expires: 0)");
  cmd->add_option("--expires", o->expires, "seconds the publication lasts")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--state-dir", o->state_dir, "where ETags are kept (default $XDG_STATE_HOME/credsvc)");
  cert->excludes(generate);
  key->needs(cert);
  generate->needs(out);
  out->needs(generate);
  key_type->needs(generate);
  revoke->excludes(cert)->excludes(generate);
  cmd->callback([o, &exit_code] {
    if (!o->revoke && o->cert.empty() && !o->generate) {
      throw CLI::RequiredError("one of --cert, --generate or --revoke");
    }
    exit_code = run_publish(*o);
  });
}

}  // namespace credsvc::cli
