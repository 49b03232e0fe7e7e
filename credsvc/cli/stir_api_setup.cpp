#include "cli/stir_api_setup.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/file_io.hpp"
#include "certs/pkcs8_key.hpp"
#include "db/store.hpp"
#include "http/stir_routes.hpp"

namespace credsvc::cli {
namespace {

std::string read_file(const std::string& file) {
  try {
    return certs::read_text_file(file);
  } catch (const certs::Error& e) {
    throw std::runtime_error(e.what());
  }
}

}  // namespace

std::shared_ptr<identity::PassportSigner> make_stir_signer(const ServeOptions& o) {
  if (o.stir_key.empty()) return nullptr;
  if (o.stir_x5u.empty()) throw std::invalid_argument("--stir-key needs --stir-x5u (the https URL of its certificate)");
  try {
    return std::make_shared<identity::PassportSigner>(certs::PrivateKey::from_pkcs8_pem(read_file(o.stir_key)),
                                                      o.stir_x5u);
  } catch (const certs::Error& e) {
    throw std::runtime_error(o.stir_key + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("STIR: ") + e.what());
  }
}

void add_stir_api_options(CLI::App& serve, ServeOptions& o) {
  serve.add_option("--stir-trust-anchor", o.stir_trust_anchor,
                   "PEM CA certificate(s) STIR signing certificates must chain to; enables POST "
                   "/stir/v1/verification (x5u is fetched over HTTPS trusting the system CAs and these)");
  serve.add_option("--stir-verify-host", o.stir_verify_hosts,
                   "host an x5u URL may point at for verification (repeatable; \"*.example.com\" for subdomains)");
  serve.add_option("--stir-max-age", o.stir_max_age, "seconds a PASSporT's iat may be from the call's time")
      ->check(CLI::Range(1u, 86'400u))
      ->capture_default_str();
}

void setup_stir_api(http::HttpsServer& https, boost::asio::io_context& io, db::Store& store,
                    const ServeOptions& o, std::shared_ptr<const identity::PassportSigner> signer) {
  http::StirApiOptions api;
  api.signer = std::move(signer);
  api.default_attest = o.stir_attest;
  if (!o.stir_trust_anchor.empty()) {
    const std::string pem = read_file(o.stir_trust_anchor);
    identity::PassportVerifyOptions vo;
    try {
      vo.trust_anchors = certs::Certificate::chain_from_pem(pem);
    } catch (const certs::Error& e) {
      throw std::runtime_error(o.stir_trust_anchor + ": " + e.what());
    }
    if (o.stir_verify_hosts.empty()) {
      throw std::invalid_argument("--stir-trust-anchor needs --stir-verify-host (the hosts x5u URLs may name)");
    }
    vo.allowed_x5u_hosts = o.stir_verify_hosts;
    vo.max_age = std::chrono::seconds(o.stir_max_age);
    api.verifier = std::make_shared<identity::PassportVerifier>(vo);
    http::FetcherOptions fo;
    fo.allowed_hosts = o.stir_verify_hosts;
    fo.extra_trust_pem = pem;
    api.fetcher = std::make_shared<http::CertificateFetcher>(io, fo);
  } else if (!o.stir_verify_hosts.empty()) {
    throw std::invalid_argument("--stir-verify-host needs --stir-trust-anchor");
  }
  if (!api.signer && !api.verifier) return;
  api.authenticator = std::make_shared<http::BearerAuthenticator>(store);
  const bool signing = api.signer != nullptr;
  const bool verification = api.verifier != nullptr;
  http::add_stir_routes(https, std::move(api));
  spdlog::info("STIR HTTPS API on:{}{}", signing ? " POST /stir/v1/signing" : "",
               verification ? " POST /stir/v1/verification" : "");
}

}  // namespace credsvc::cli
