#include "notify_verifier.hpp"

#include <stdexcept>

#include "https_test_client.hpp"

namespace credsvc::testing::events {

namespace {

identity::Rfc4474VerifyOptions options_for(const certs::Certificate& anchor) {
  identity::Rfc4474VerifyOptions o;
  o.allowed_info_hosts = {"example.test"};
  o.trust_anchors = {anchor};
  o.accept_rsa_sha1 = false;  // credsvc signs with rsa-sha256
  return o;
}

}  // namespace

NotifyVerifier::NotifyVerifier(const certs::Certificate& anchor, unsigned short http_port)
    : anchor_(anchor), http_port_(http_port) {}

identity::VerifyResult NotifyVerifier::verify(const sip::Message& notify) {
  const identity::Rfc4474Verifier verifier(options_for(anchor_));
  const auto now = std::chrono::system_clock::now();
  const auto pre = verifier.precheck(notify, now);
  if (!pre.ok()) {
    identity::VerifyResult r;
    r.failure = pre.problem().failure;
    r.detail = pre.problem().detail;
    return r;
  }
  return verifier.verify(notify, fetch(pre.value().url), now);
}

std::vector<certs::Certificate> NotifyVerifier::fetch(const std::string& url) {
  if (const auto it = fetched_.find(url); it != fetched_.end()) return it->second;
  const auto parsed = identity::parse_https_url(url);
  if (!parsed) throw std::runtime_error("Identity-Info is not an https URL: " + url);
  // The URL names example.test at the server's HTTPS port; the name resolves
  // nowhere here, so connect to the loopback address with SNI example.test.
  if (parsed->port != http_port_) throw std::runtime_error("Identity-Info names another port: " + url);
  HttpsClientOptions o;
  o.port = http_port_;
  o.ca_pem = anchor_.to_pem();
  o.server_name = parsed->host;
  HttpsTestClient client(o);
  const auto response = client.get(parsed->path);
  if (response.result_int() != 200) {
    throw std::runtime_error("GET " + url + " answered " + std::to_string(response.result_int()));
  }
  std::vector<certs::Certificate> chain{certs::Certificate::from_der(certs::as_bytes(response.body()))};
  fetched_[url] = chain;
  return chain;
}

}  // namespace credsvc::testing::events
