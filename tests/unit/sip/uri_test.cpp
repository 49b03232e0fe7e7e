#include <gtest/gtest.h>

#include "sip/uri.hpp"

namespace credsvc::sip {
namespace {

Uri must(std::string_view text) {
  auto r = parse_uri(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error();
  return r.ok() ? r.value() : Uri{};
}

TEST(SipUri, FullSipsUri) {
  const Uri u = must("sips:alice:secret@Atlanta.Example.COM:5061;transport=tcp;user=phone;maddr=239.255.255.1;"
                     "ttl=15;lr;gr=urn:uuid:1;method=SUBSCRIBE?subject=project%20x&priority=urgent");
  EXPECT_EQ(u.scheme, UriScheme::Sips);
  EXPECT_EQ(u.user, "alice");
  EXPECT_EQ(u.password, "secret");
  EXPECT_EQ(u.host, "Atlanta.Example.COM");
  EXPECT_EQ(u.host_kind, HostKind::Name);
  EXPECT_EQ(u.port, 5061);
  EXPECT_EQ(u.transport(), "tcp");
  EXPECT_EQ(u.user_param(), "phone");
  EXPECT_EQ(u.maddr(), "239.255.255.1");
  EXPECT_EQ(u.ttl(), 15);
  EXPECT_TRUE(u.lr());
  EXPECT_TRUE(u.gr());
  EXPECT_EQ(u.param_value("gr"), "urn:uuid:1");
  EXPECT_EQ(u.param_value("METHOD"), "SUBSCRIBE");
  ASSERT_EQ(u.headers.size(), 2u);
  EXPECT_EQ(u.headers[0].name, "subject");
  EXPECT_EQ(u.headers[0].value, "project x");
  EXPECT_EQ(u.headers[1].value, "urgent");
}

TEST(SipUri, HostForms) {
  EXPECT_EQ(must("sip:192.0.2.4").host_kind, HostKind::IPv4);
  const Uri v6 = must("sip:bob@[2001:db8::10]:5070;transport=tls");
  EXPECT_EQ(v6.host_kind, HostKind::IPv6);
  EXPECT_EQ(v6.host, "[2001:db8::10]");
  EXPECT_EQ(v6.port, 5070);
  EXPECT_EQ(must("sip:[::ffff:192.0.2.1]").host_kind, HostKind::IPv6);
  EXPECT_EQ(must("sip:[1:2:3:4:5:6:7:8]").host_kind, HostKind::IPv6);
  EXPECT_EQ(must("sip:example.com.").host_kind, HostKind::Name);
  EXPECT_FALSE(parse_uri("sip:[1:2:3:4:5:6:7:8:9]").ok());
  EXPECT_FALSE(parse_uri("sip:[1::2::3]").ok());
  EXPECT_FALSE(parse_uri("sip:[2001:db8::1").ok());
  EXPECT_FALSE(parse_uri("sip:192.0.2.256").ok());
  EXPECT_FALSE(parse_uri("sip:-bad.example.com").ok());
  EXPECT_FALSE(parse_uri("sip:bad..example.com").ok());
  EXPECT_FALSE(parse_uri("sip:under_score.example.com").ok());
  EXPECT_FALSE(parse_uri("sip:example.com:65536").ok());
  EXPECT_FALSE(parse_uri("sip:example.com:").ok());
}

TEST(SipUri, Rejections) {
  for (std::string_view bad : {"", "sip", ":x", "1sip:a@b", "sip:", "sip:@example.com", "sip:a@",
                               "sip:a b@example.com", "sip:a@example.com;", "sip:a@example.com;;lr",
                               "sip:a@example.com;x=", "sip:a@example.com;lr;lr", "sip:%4@example.com",
                               "sip:%G0@example.com", "sip:a@b@example.com", "sip:a@example.com?",
                               "sip:a@example.com?x", "sip:<a>@example.com", "sip:a\"b@example.com",
                               "http://exa mple.com", "mailto:", "tel:", "tel:abc", "tel:1234",
                               "tel:+1-x"}) {
    EXPECT_FALSE(parse_uri(bad).ok()) << bad;
  }
}

TEST(SipUri, EscapesAreDecodedAndReencoded) {
  const Uri u = must("sip:%61lice%20smith:p%40ss@example.com;n%61me=v%3Bx?h%61=a%26b");
  EXPECT_EQ(u.user, "alice smith");
  EXPECT_EQ(u.password, "p@ss");
  EXPECT_EQ(u.param_value("name"), "v;x");
  EXPECT_EQ(u.headers.at(0).name, "ha");
  EXPECT_EQ(u.headers.at(0).value, "a&b");
  EXPECT_EQ(to_string(u), "sip:alice%20smith:p%40ss@example.com;name=v%3Bx?ha=a%26b");
}

TEST(SipUri, RoundTripGivesTheSameUri) {
  for (std::string_view text :
       {"sip:alice@atlanta.example.com", "sips:bob:pw@[2001:db8::1]:5061;transport=tcp;lr",
        "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
        "sip:null-%00-null@example.com", "sip:example.com;maddr=192.0.2.1?Route=%3Csip:x%3E&a=",
        "tel:+1-201-555-0123;ext=1234", "tel:7042;phone-context=example.com",
        "https://cert.example.org/passport.cer", "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"}) {
    const Uri u = must(text);
    const std::string again = to_string(u);
    const Uri v = must(again);
    EXPECT_EQ(u, v) << text << " -> " << again;
    EXPECT_TRUE(uri_equal(u, v)) << text;
  }
}

TEST(SipUri, SerializationNeverAddsTransportTls) {
  EXPECT_EQ(to_string(must("sips:alice@example.com")), "sips:alice@example.com");
  EXPECT_EQ(to_string(must("SIPS:alice@example.com:5061")), "sips:alice@example.com:5061");
  // ... but keeps it when it was received (RFC 5630 deprecates, not forbids, reading it).
  EXPECT_EQ(to_string(must("sip:alice@example.com;transport=tls")), "sip:alice@example.com;transport=tls");
}

TEST(SipUri, TelUri) {
  const Uri t = must("tel:+1-201-555-0123;ext=1234;isub=%41");
  EXPECT_EQ(t.scheme, UriScheme::Tel);
  EXPECT_EQ(t.number, "+1-201-555-0123");
  EXPECT_EQ(t.param_value("ext"), "1234");
  EXPECT_EQ(t.param_value("isub"), "A");
  EXPECT_TRUE(uri_equal(t, must("tel:+1(201)555.0123;isub=A;ext=1234")));
  EXPECT_FALSE(uri_equal(t, must("tel:+1-201-555-0124;ext=1234;isub=A")));
  EXPECT_FALSE(uri_equal(t, must("tel:+1-201-555-0123;ext=1234")));
  const Uri local = must("tel:*97;phone-context=+1");
  EXPECT_EQ(local.number, "*97");
  EXPECT_EQ(aor_of(t), "tel:+12015550123");
}

TEST(SipUri, OtherSchemesAreAbsoluteUris) {
  const Uri u = must("soap.beep://192.0.2.103:3002");
  EXPECT_EQ(u.scheme, UriScheme::Other);
  EXPECT_EQ(u.scheme_name, "soap.beep");
  EXPECT_EQ(u.opaque, "//192.0.2.103:3002");
  EXPECT_EQ(to_string(u), "soap.beep://192.0.2.103:3002");
  EXPECT_TRUE(uri_equal(u, must("SOAP.BEEP://192.0.2.103:3002")));
}

// RFC 3261 §19.1.4 examples.
TEST(SipUri, EqualityRfc3261Examples) {
  auto eq = [](std::string_view a, std::string_view b) { return uri_equal(must(a), must(b)); };
  EXPECT_TRUE(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
  EXPECT_TRUE(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
  EXPECT_TRUE(eq("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(eq("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                 "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
  EXPECT_TRUE(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                 "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));

  EXPECT_FALSE(eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
  EXPECT_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
  // transport is not one of user/ttl/method/maddr: appearing once, it is ignored.
  EXPECT_TRUE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
  EXPECT_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
  EXPECT_FALSE(eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
  EXPECT_FALSE(eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
  EXPECT_FALSE(eq("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));
  EXPECT_FALSE(eq("sip:alice@example.com", "sip:alice@example.com;user=phone"));
  EXPECT_FALSE(eq("sip:alice@example.com;maddr=x.example.com", "sip:alice@example.com"));
  EXPECT_FALSE(eq("sip:alice@example.com;ttl=1", "sip:alice@example.com"));
  EXPECT_FALSE(eq("sip:alice@example.com", "sips:alice@example.com"));
  EXPECT_FALSE(eq("sip:Alice@example.com", "sip:alice@example.com"));  // user is case-sensitive
}

TEST(SipUri, AorOf) {
  EXPECT_EQ(aor_of(must("sips:Alice@Example.COM:5061;transport=tcp?x=y")), "Alice@example.com");
  EXPECT_EQ(aor_of(must("sip:Alice@example.com")), aor_of(must("sips:Alice@EXAMPLE.com")));
  EXPECT_EQ(aor_of(must("sip:%41lice@example.com")), "Alice@example.com");
  EXPECT_EQ(aor_of(must("sip:a%20b@example.com")), "a%20b@example.com");
  EXPECT_EQ(aor_of(must("sip:example.com")), "example.com");
  EXPECT_EQ(aor_of(must("HTTP://x")), "http://x");
}

TEST(SipUri, ClassifyHost) {
  EXPECT_EQ(classify_host("example.com"), HostKind::Name);
  EXPECT_EQ(classify_host("10.0.0.1"), HostKind::IPv4);
  EXPECT_EQ(classify_host("[::1]"), HostKind::IPv6);
  EXPECT_FALSE(classify_host("::1").has_value());
  EXPECT_FALSE(classify_host("").has_value());
  EXPECT_FALSE(classify_host("1.2.3").has_value());
  EXPECT_TRUE(is_ip_address("::1"));
  EXPECT_TRUE(is_ip_address("2001:db8::192.0.2.1"));
  EXPECT_FALSE(is_ip_address("example.com"));
}

}  // namespace
}  // namespace credsvc::sip
