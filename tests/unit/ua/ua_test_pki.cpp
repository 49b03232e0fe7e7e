#include "ua_test_pki.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "certs/issue_certificate.hpp"
#include "identity/digest_string.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"

namespace credsvc::ua::test {
namespace {

Authority make_root(const std::string& name) {
  certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest r;
  r.common_name = name;
  r.is_ca = true;
  r.not_before = Clock::now() - 1h;
  r.not_after = Clock::now() + 24h * 3650;
  certs::Certificate cert = certs::issue_certificate(r, key, nullptr, key);
  return Authority{std::move(key), std::move(cert)};
}

}  // namespace

const Authority& root_ca() {
  static const Authority ca = make_root("UA Test Root");
  return ca;
}

const Authority& other_ca() {
  static const Authority ca = make_root("Other Test Root");
  return ca;
}

const certs::PrivateKey& identity_key() {
  static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048);
  return key;
}

certs::Certificate identity_cert(const std::string& domain, const Authority& ca) {
  certs::IssueRequest r;
  r.common_name = domain;
  r.san_dns = {domain};
  r.not_before = Clock::now() - 1h;
  r.not_after = Clock::now() + 24h * 365;
  return certs::issue_certificate(r, identity_key(), &ca.cert, ca.key);
}

const identity::Rfc4474Signer& signer() {
  static const identity::Rfc4474Signer s(identity_key(), kInfoUrl);
  return s;
}

const certs::PrivateKey& user_key() {
  static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  return key;
}

certs::Certificate user_cert(std::vector<std::string> san_uris, std::optional<Clock::time_point> not_before,
                             std::optional<Clock::time_point> not_after) {
  certs::IssueRequest r;
  r.common_name = "ua test user";
  r.san_uris = std::move(san_uris);
  r.not_before = not_before.value_or(Clock::now() - 1h);
  r.not_after = not_after.value_or(Clock::now() + 24h * 30);
  return certs::issue_certificate(r, user_key(), nullptr, user_key());
}

std::string signed_notify_wire(const NotifySpec& spec, const identity::Rfc4474Signer& with) {
  const std::string contact_uri = "sip:credsvc@127.0.0.1:5061";
  identity::DigestStringParts parts;
  parts.from_addr_spec = spec.from_uri;
  parts.to_addr_spec = spec.to_uri;
  parts.call_id = spec.call_id;
  parts.cseq_number = spec.cseq;
  parts.cseq_method = "NOTIFY";
  parts.contact_addr_spec = contact_uri;
  parts.body = spec.body;
  const identity::Rfc4474Headers h = with.sign(parts, spec.now);

  auto b = sip::MessageBuilder::request("NOTIFY", "sip:fetch@127.0.0.1:40000;transport=tls");
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKn0t1fy");
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, "<" + spec.from_uri + ">;tag=srv1");
  b.add(sip::HeaderId::To, "<" + spec.to_uri + ">;tag=ua1");
  b.add(sip::HeaderId::CallId, spec.call_id);
  b.add(sip::HeaderId::CSeq, std::to_string(spec.cseq) + " NOTIFY");
  b.add(sip::HeaderId::Date, h.date);
  b.add(sip::HeaderId::Contact, "<" + contact_uri + ">");
  b.add(sip::HeaderId::Event, "certificate");
  b.add(sip::HeaderId::SubscriptionState, spec.subscription_state);
  b.add(sip::HeaderId::Identity, h.identity);
  b.add(sip::HeaderId::IdentityInfo, h.identity_info);
  if (!spec.body.empty()) b.add(sip::HeaderId::ContentDisposition, "signal");
  b.body(spec.content_type, spec.body);
  return b.build();
}

sip::Message parse(std::string wire) {
  auto r = sip::parse_message(std::move(wire));
  if (!r.ok()) throw std::runtime_error("test message does not parse: " + r.reason);
  return r.msg;
}

std::string der_text(const certs::Certificate& cert) {
  const auto der = cert.to_der();
  return std::string(certs::as_text(der));
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "credsvc-ua-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace credsvc::ua::test
