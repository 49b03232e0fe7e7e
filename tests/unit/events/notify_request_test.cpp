// build_notify: the NOTIFY of RFC 6665 §4.2.2 with the dialog's headers, and
// an Identity signature that RFC 4474 §6 verification accepts; a changed
// body no longer verifies.
#include "events/notify_request.hpp"

#include <gtest/gtest.h>

#include "certs/issue_certificate.hpp"
#include "identity/rfc4474_verifier.hpp"
#include "sip/parser.hpp"

namespace credsvc::events {
namespace {
using namespace std::chrono_literals;

struct Signing {
  certs::PrivateKey ca_key = certs::PrivateKey::generate_ec("P-256");
  certs::Certificate ca;
  certs::PrivateKey key = certs::PrivateKey::generate_rsa(2048);
  certs::Certificate leaf;
  Signing() : ca(make_ca()), leaf(make_leaf()) {}
  certs::Certificate make_ca() {
    certs::IssueRequest r;
    r.common_name = "test ca";
    r.is_ca = true;
    r.not_before = std::chrono::system_clock::now() - 1h;
    r.not_after = std::chrono::system_clock::now() + 24h;
    return certs::issue_certificate(r, ca_key, nullptr, ca_key);
  }
  certs::Certificate make_leaf() {
    certs::IssueRequest r;
    r.common_name = "example.com";
    r.san_dns = {"example.com"};
    r.not_before = std::chrono::system_clock::now() - 1h;
    r.not_after = std::chrono::system_clock::now() + 24h;
    return certs::issue_certificate(r, key, &ca, ca_key);
  }
};

NotifyDialog dialog() {
  NotifyDialog d;
  d.request_uri = "sip:bob@192.0.2.1:5061;transport=tls";
  d.from_value = "<sip:alice@example.com>;tag=srv1";
  d.to_value = "\"Bob\" <sip:bob@example.org>;tag=bob1";
  d.call_id = "call-1@example.org";
  d.cseq = 3;
  d.contact = "<sip:credsvc@example.com;transport=tls>";
  d.via_host = "example.com";
  d.event = "certificate;id=7";
  return d;
}

TEST(NotifyRequest, CarriesTheDialogAndVerifies) {
  Signing s;
  identity::Rfc4474Signer signer(s.key, "https://example.com/identity/example.com.cer");
  NotifyContent content{"application/pkix-cert", std::string("\x30\x82\x00\x00" "binary\0body", 15), {}};
  const auto now = std::chrono::system_clock::now();
  const auto text = build_notify(dialog(), "active;expires=60", content, "z9hG4bKabc", signer, now);
  auto parsed = sip::parse_message(text);
  ASSERT_TRUE(parsed.ok()) << parsed.reason;
  const auto& msg = parsed.msg;
  EXPECT_EQ(msg.request_uri_text(), "sip:bob@192.0.2.1:5061;transport=tls");
  EXPECT_EQ(*msg.header(sip::HeaderId::From), "<sip:alice@example.com>;tag=srv1");
  EXPECT_EQ(*msg.header(sip::HeaderId::To), "\"Bob\" <sip:bob@example.org>;tag=bob1");
  EXPECT_EQ(*msg.header("CSeq"), "3 NOTIFY");
  EXPECT_EQ(*msg.header("Event"), "certificate;id=7");
  EXPECT_EQ(*msg.header("Subscription-State"), "active;expires=60");
  EXPECT_EQ(*msg.header("Content-Disposition"), "signal");
  EXPECT_EQ(*msg.header("Content-Type"), "application/pkix-cert");
  EXPECT_EQ(msg.body(), content.body);

  identity::Rfc4474VerifyOptions options;
  options.allowed_info_hosts = {"example.com"};
  options.trust_anchors = {s.ca};
  identity::Rfc4474Verifier verifier(options);
  const std::vector<certs::Certificate> chain{s.leaf};
  const auto result = verifier.verify(msg, chain, now);
  EXPECT_TRUE(result.ok()) << result.detail;

  // The same NOTIFY with another body is not what was signed.
  std::string tampered = text;
  tampered.replace(tampered.find("binary"), 6, "BINARY");
  const auto again = sip::parse_message(tampered);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(identity::Rfc4474Verifier(options).verify(again.msg, chain, now).ok());
}

TEST(NotifyRequest, EmptyStateHasNoBodyHeadersAndEtagGoesToEvent) {
  Signing s;
  identity::Rfc4474Signer signer(s.key, "https://example.com/identity/example.com.cer");
  auto d = dialog();
  d.event = "credential";
  const auto text = build_notify(d, "terminated;reason=deactivated", NotifyContent{{}, {}, "e1"}, "z9hG4bKx", signer,
                                 std::chrono::system_clock::now());
  const auto parsed = sip::parse_message(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.msg.header("Content-Type"));
  EXPECT_FALSE(parsed.msg.header("Content-Disposition"));
  EXPECT_EQ(*parsed.msg.header("Event"), "credential;etag=e1");
  EXPECT_EQ(*parsed.msg.header("Subscription-State"), "terminated;reason=deactivated");
  EXPECT_TRUE(parsed.msg.body().empty());
  EXPECT_TRUE(parsed.msg.header("Identity"));
}

}  // namespace
}  // namespace credsvc::events
