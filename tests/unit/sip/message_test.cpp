#include <gtest/gtest.h>

#include <string>

#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "sip/request_validation.hpp"

namespace credsvc::sip {
namespace {

using namespace std::string_literals;

const std::string kSubscribe =
    "SUBSCRIBE sips:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TLS ua.example.com:5061;branch=z9hG4bKa1;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Bob\" <sips:bob@example.com>;tag=f1\r\n"
    "To: <sips:alice@example.com>\r\n"
    "Call-ID: sub1@ua.example.com\r\n"
    "CSeq: 10 SUBSCRIBE\r\n"
    "Contact: <sips:bob@ua.example.com:5061>\r\n"
    "Event: certificate\r\n"
    "Accept: application/pkix-cert\r\n"
    "Expires: 3600\r\n"
    "Supported: path\r\n"
    "Allow-Events: certificate, credential\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

ParseResult must_parse(const std::string& wire) {
  ParseResult r = parse_message(wire);
  EXPECT_TRUE(r.ok()) << r.reason;
  return r;
}

TEST(SipMessage, TypicalSubscribe) {
  const ParseResult r = must_parse(kSubscribe);
  const Message& m = r.msg;
  EXPECT_TRUE(m.is_request());
  EXPECT_EQ(m.method(), Method::Subscribe);
  EXPECT_EQ(m.request_uri().scheme, UriScheme::Sips);
  EXPECT_EQ(m.request_uri_text(), "sips:alice@example.com");
  EXPECT_EQ(m.fields().size(), 13u);
  EXPECT_EQ(m.top_via()->port, 5061);
  EXPECT_EQ(m.from()->display_name, "Bob");
  EXPECT_FALSE(m.to()->tag().has_value());
  EXPECT_EQ(m.event().value()->package, "certificate");
  EXPECT_EQ(m.expires().value(), 3600u);
  EXPECT_FALSE(m.min_expires().value().has_value());
  EXPECT_EQ(m.supported().value(), std::vector<std::string>{"path"});
  EXPECT_EQ(m.allow_events().value().size(), 2u);
  EXPECT_TRUE(m.accept().value().at(0).is("application", "pkix-cert"));
  EXPECT_EQ(m.contacts().value().contacts.at(0).uri.port, 5061);
  EXPECT_EQ(r.consumed, kSubscribe.size());
  EXPECT_TRUE(validate_request(m).ok);
  EXPECT_FALSE(validate_request(m).missing_max_forwards);
}

TEST(SipMessage, CompactFormsMapToCanonicalNames) {
  const ParseResult r = must_parse(
      "PUBLISH sip:a@example.com SIP/2.0\r\n"
      "v: SIP/2.0/TLS h.example.com;branch=z9hG4bKx\r\n"
      "f: <sip:a@example.com>;tag=1\r\nt: <sip:a@example.com>\r\ni: cid\r\n"
      "CSeq: 1 PUBLISH\r\nm: <sip:a@h.example.com>\r\no: credential\r\nu: credential\r\n"
      "k: gruu\r\ns: hello\r\nc: text/plain\r\ne: gzip\r\nl: 2\r\n\r\nhi");
  const Message& m = r.msg;
  EXPECT_EQ(m.call_id(), "cid");
  EXPECT_EQ(m.header(HeaderId::Subject), "hello");
  EXPECT_EQ(m.header("Subject"), "hello");
  EXPECT_EQ(m.header("s"), "hello");
  EXPECT_EQ(m.header("content-encoding"), "gzip");
  EXPECT_EQ(m.event().value()->package, "credential");
  EXPECT_EQ(m.allow_events().value(), std::vector<std::string>{"credential"});
  EXPECT_EQ(m.supported().value(), std::vector<std::string>{"gruu"});
  EXPECT_EQ(m.body(), "hi");
  EXPECT_EQ(m.content_length(), 2u);
  // Serializing expands the compact names.
  const std::string wire = serialize(m);
  EXPECT_NE(wire.find("\r\nCall-ID: cid\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nEvent: credential\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nAllow-Events: credential\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nContent-Length: 2\r\n\r\nhi"), std::string::npos);
}

TEST(SipMessage, FoldingAndCaseInsensitiveNames) {
  const ParseResult r = must_parse(
      "OPTIONS sip:a@example.com SIP/2.0\r\n"
      "VIA: SIP/2.0/TLS h.example.com\r\n\t;branch=z9hG4bKf\r\n"
      "fRoM: <sip:a@example.com>\r\n ;tag=1\r\nTO: sip:a@example.com\r\nCALL-id: x\r\n"
      "cseq: 1\r\n   OPTIONS\r\nX-Custom: one\r\n two\r\n\tthree\r\n"
      "content-LENGTH: 0\r\n\r\n");
  const Message& m = r.msg;
  EXPECT_EQ(m.top_via()->branch(), "z9hG4bKf");
  EXPECT_EQ(m.from()->tag(), "1");
  EXPECT_EQ(m.cseq()->method, Method::Options);
  const auto custom = m.header("x-custom");
  ASSERT_TRUE(custom.has_value());
  EXPECT_EQ(*custom, "one   two  \tthree");  // CRLFs became spaces, LWS otherwise kept
  EXPECT_EQ(m.fields()[0].name, "VIA");
  EXPECT_EQ(m.fields()[0].id, HeaderId::Via);
}

TEST(SipMessage, RepeatedAndCommaSeparatedHeaders) {
  const ParseResult r = must_parse(
      "REGISTER sip:example.com SIP/2.0\r\n"
      "Via: SIP/2.0/TLS a.example.com;branch=z9hG4bK1, SIP/2.0/TLS b.example.com;branch=z9hG4bK2\r\n"
      "Via: SIP/2.0/TLS c.example.com;branch=z9hG4bK3\r\n"
      "From: <sip:u@example.com>;tag=1\r\nTo: <sip:u@example.com>\r\nCall-ID: r1\r\nCSeq: 1 REGISTER\r\n"
      "Contact: <sip:u@a.example.com>, \"Comma, Name\" <sip:u@b.example.com;x=1>\r\n"
      "Contact: <sip:u@c.example.com>\r\n"
      "Supported: a, b\r\nSupported: c\r\n"
      "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
      "Content-Length: 0\r\n\r\n");
  const Message& m = r.msg;
  ASSERT_EQ(m.vias().size(), 3u);
  EXPECT_EQ(m.vias()[1].host, "b.example.com");
  EXPECT_EQ(m.vias()[2].branch(), "z9hG4bK3");
  EXPECT_EQ(m.headers(HeaderId::Via).size(), 2u);
  EXPECT_EQ(m.count(HeaderId::Via), 2u);
  EXPECT_EQ(m.list(HeaderId::Via).size(), 3u);
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  ASSERT_EQ(contacts->contacts.size(), 3u);
  EXPECT_EQ(contacts->contacts[1].display_name, "Comma, Name");
  EXPECT_EQ(m.list(HeaderId::Contact).size(), 3u);
  EXPECT_EQ(m.supported().value(), (std::vector<std::string>{"a", "b", "c"}));
  // Date is not a list even though its value holds a comma.
  EXPECT_EQ(m.list(HeaderId::Date).size(), 1u);
  EXPECT_TRUE(m.date().value().has_value());
}

TEST(SipMessage, LazyAccessorErrorsNameTheHeader) {
  const std::string base =
      "SUBSCRIBE sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKq\r\n"
      "From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: q\r\nCSeq: 1 SUBSCRIBE\r\n"
      "Max-Forwards: 70\r\n";
  auto check = [&](const std::string& extra, const std::string& reason) {
    const ParseResult r = must_parse(base + extra + "Content-Length: 0\r\n\r\n");
    const RequestCheck c = validate_request(r.msg);
    EXPECT_FALSE(c.ok) << extra;
    EXPECT_EQ(c.reason, reason) << extra;
  };
  check("Expires: soon\r\n", "Malformed Expires header");
  check("Expires: 1\r\nExpires: 2\r\n", "Duplicate Expires header");
  check("Event: \r\n", "Malformed Event header");
  check("Contact: *\r\nContact: <sip:x@example.com>\r\n", "Malformed Contact header");
  check("Contact: <sip:x@example.com>, *\r\n", "Malformed Contact header");
  check("Content-Type: text\r\n", "Malformed Content-Type header");
  check("SIP-If-Match: a b\r\n", "Malformed SIP-If-Match header");
  check("Require: a,,b\r\n", "Malformed Require header");
  check("Authorization: Digest x\r\n", "Malformed Authorization header");
  check("Identity: \"%%\"\r\n", "Malformed Identity header");
  check("Date: yesterday\r\n", "Malformed Date header");
  // Regression (fuzz_sip_message): a year outside system_clock's range.
  check("Date: Sat, 13 Nov 0276 23:29:00 GMT\r\n", "Malformed Date header");
  check("Min-Expires: -1\r\n", "Malformed Min-Expires header");
  check("Subscription-State: active;expires=x\r\n", "Malformed Subscription-State header");
  check("Route: sip:x@example.com;lr\r\n", "Malformed Route header" /* needs <> with params */ );
}

TEST(SipMessage, ParseErrors) {
  auto kind_of = [](const std::string& wire) { return parse_message(wire); };
  const std::string tail =
      "Via: SIP/2.0/TLS h.example.com;branch=z9hG4bKe\r\nFrom: <sip:a@example.com>;tag=1\r\n"
      "To: <sip:a@example.com>\r\nCall-ID: e\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  struct Case {
    std::string wire;
    ParseErrorKind kind;
    std::string reason;
  };
  const Case cases[] = {
      {"", ParseErrorKind::Malformed, "Missing end of start line"},
      {"OPTIONS\r\n" + tail, ParseErrorKind::Malformed, "Malformed start line"},
      {"OPTIONS sip:a@example.com\r\n" + tail, ParseErrorKind::Malformed, "Malformed Request-Line"},
      {"OPTIONS sip:a@example.com SIP/2.1\r\n" + tail, ParseErrorKind::UnsupportedVersion, "Unsupported SIP version"},
      {"OPTIONS sip:a@example.com HTTP/1.1\r\n" + tail, ParseErrorKind::Malformed, "Malformed Request-Line"},
      {"OPT<IONS sip:a@example.com SIP/2.0\r\n" + tail, ParseErrorKind::Malformed, "Malformed Request-Line"},
      {"OPTIONS sip:a@@example.com SIP/2.0\r\n" + tail, ParseErrorKind::Malformed, "Request-URI malformed"},
      {"SIP/3.0 200 OK\r\n" + tail, ParseErrorKind::UnsupportedVersion, "Unsupported SIP version"},
      {"SIP/2.0 2000 OK\r\n" + tail, ParseErrorKind::Malformed, "Malformed Status-Line"},
      {"SIP/2.0 099 Low\r\n" + tail, ParseErrorKind::Malformed, "Malformed Status-Line"},
      {"SIP/2.0 20x OK\r\n" + tail, ParseErrorKind::Malformed, "Malformed Status-Line"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\n no-name\r\n" + tail, ParseErrorKind::Malformed, "Malformed header line"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nBad Name: x\r\n" + tail, ParseErrorKind::Malformed, "Malformed header line"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nX: a\rb\r\n" + tail, ParseErrorKind::Malformed, "Malformed header line"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nX: a\nb\r\n" + tail, ParseErrorKind::Malformed, "Malformed header line"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: x\r\n\r\n", ParseErrorKind::Unframeable, "Bad Content-Length"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: a b\r\n\r\n", ParseErrorKind::Malformed, "Malformed Call-ID header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nCSeq: 2 OPTIONS\r\n" + tail, ParseErrorKind::Malformed, "Duplicate CSeq header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nt: <sip:b@example.com>\r\n" + tail, ParseErrorKind::Malformed, "Duplicate To header"},
      // Regression (fuzz_sip_message): a valueless tag made make_response add a second tag.
      {"OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKe\r\n"
       "To: sip:a@example.com ; tag ;x=1\r\n\r\n", ParseErrorKind::Malformed, "Malformed To header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nf: <sip:a@example.com>;tag=\"q\"\r\n\r\n", ParseErrorKind::Malformed, "Malformed From header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nMax-Forwards: 1\r\nMax-Forwards: 2\r\n" + tail, ParseErrorKind::Malformed, "Duplicate Max-Forwards header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nMax-Forwards: 256\r\n" + tail, ParseErrorKind::Malformed, "Malformed Max-Forwards header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nv: SIP/2.0/TLS\r\n" + tail, ParseErrorKind::Malformed, "Malformed Via header"},
      {"OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 5\r\n\r\nabc", ParseErrorKind::Malformed, "Content-Length larger than message body"},
  };
  for (const Case& c : cases) {
    const ParseResult r = kind_of(c.wire);
    EXPECT_EQ(r.kind, c.kind) << c.wire;
    EXPECT_EQ(r.reason, c.reason) << c.wire;
    EXPECT_FALSE(r.ok());
  }
}

TEST(SipMessage, AllLazyAccessors) {
  const ParseResult r = must_parse(
      "SIP/2.0 423 Interval Too Brief\r\n"
      "Via: SIP/2.0/TLS a.example.com;branch=z9hG4bK1\r\n"
      "From: <sips:a@example.com>;tag=1\r\nTo: <sips:a@example.com>;tag=2\r\nCall-ID: c\r\nCSeq: 4 PUBLISH\r\n"
      "Min-Expires: 60\r\nRetry-After: 120 (later);duration=30\r\n"
      "Warning: 380 a.example.com \"SIPS Not Allowed\"\r\nUnsupported: foo\r\n"
      "Allow: SUBSCRIBE, NOTIFY,PUBLISH\r\nSIP-ETag: dx200xyz\r\nSIP-If-Match: kwj449x\r\n"
      "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
      "Proxy-Authorization: Digest username=\"a\", realm=\"r\"\r\n"
      "Subscription-State: pending;expires=30\r\n"
      "Content-Disposition: signal;handling=required\r\n"
      "Content-Type: application/pkcs8\r\nl: 0\r\n\r\n");
  const Message& m = r.msg;
  EXPECT_EQ(m.min_expires().value(), 60u);
  EXPECT_EQ(m.retry_after().value()->seconds, 120u);
  EXPECT_EQ(m.retry_after().value()->duration, 30u);
  EXPECT_EQ(m.warnings().value().at(0).code, 380);
  EXPECT_EQ(m.unsupported().value(), std::vector<std::string>{"foo"});
  EXPECT_EQ(m.allow().value(), (std::vector<std::string>{"SUBSCRIBE", "NOTIFY", "PUBLISH"}));
  EXPECT_EQ(m.sip_etag().value(), "dx200xyz");
  EXPECT_EQ(m.sip_if_match().value(), "kwj449x");
  EXPECT_EQ(m.record_routes().value().size(), 2u);
  EXPECT_EQ(m.proxy_authorization().value().at(0).params.value("username"), "a");
  EXPECT_EQ(m.subscription_state().value()->state, SubState::Pending);
  EXPECT_EQ(m.content_disposition().value()->type, "signal");
  EXPECT_TRUE(m.content_type().value()->is("application", "pkcs8"));
  // Absent headers are ok and empty.
  EXPECT_FALSE(m.expires().value().has_value());
  EXPECT_FALSE(m.event().value().has_value());
  EXPECT_FALSE(m.identity().value().has_value());
  EXPECT_TRUE(m.require().value().empty());
  EXPECT_TRUE(m.routes().value().empty());
  EXPECT_TRUE(m.contacts().value().contacts.empty());
}

TEST(SipMessage, FailedParseKeepsHeadersForTheErrorResponse) {
  const ParseResult r = parse_message(
      "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKk\r\n"
      "From: <sip:b@example.com>;tag=9\r\nTo: <sip:a@example.com>\r\nCall-ID: k1\r\n"
      "CSeq: x OPTIONS\r\nContent-Length: 0\r\n\r\n");
  ASSERT_EQ(r.reason, "Malformed CSeq header");
  EXPECT_EQ(r.msg.call_id(), "k1");
  EXPECT_EQ(r.msg.header(HeaderId::CSeq), "x OPTIONS");
  const std::string resp = make_response(r.msg, r.response_status(), r.reason, "t").build();
  EXPECT_NE(resp.find("SIP/2.0 400 Malformed CSeq header\r\n"), std::string::npos);
  EXPECT_NE(resp.find("\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKk\r\n"), std::string::npos);
  EXPECT_NE(resp.find("\r\nTo: <sip:a@example.com>;tag=t\r\n"), std::string::npos);
  // A To that already has a tag (unparsed here, parsing stopped at CSeq) gets no second one.
  const ParseResult tagged = parse_message(
      "OPTIONS sip:a@example.com SIP/2.0\r\nTo: <sip:a@example.com>;tag=old\r\nCSeq: x OPTIONS\r\n\r\n");
  ASSERT_EQ(tagged.msg.to(), nullptr);
  const std::string resp2 = make_response(tagged.msg, 400, tagged.reason, "new").build();
  EXPECT_NE(resp2.find("\r\nTo: <sip:a@example.com>;tag=old\r\n"), std::string::npos);
}

TEST(SipMessage, HeaderLimit) {
  std::string wire = "OPTIONS sip:a@example.com SIP/2.0\r\n";
  for (int i = 0; i < 5; ++i) wire += "X-H: " + std::to_string(i) + "\r\n";
  wire += "\r\n";
  EXPECT_TRUE(parse_message(wire, ParseLimits{5}).ok());
  const ParseResult r = parse_message(wire, ParseLimits{4});
  EXPECT_EQ(r.reason, "Too many headers");
  EXPECT_EQ(r.response_status(), 400);
}

TEST(SipMessage, BinaryBodyAndExtraBytes) {
  const std::string body("a\0\r\n\r\nb", 7);
  const std::string wire = "MESSAGE sip:a@example.com SIP/2.0\r\nContent-Length: 7\r\n\r\n" + body + "garbage";
  const ParseResult r = must_parse(wire);
  EXPECT_EQ(r.msg.body(), body);
  EXPECT_EQ(r.consumed, wire.size() - 7);
}

TEST(SipMessage, CopiesShareTheBuffer) {
  Message copy;
  {
    std::string wire = kSubscribe;
    ParseResult r = parse_message(std::move(wire));
    ASSERT_TRUE(r.ok());
    copy = r.msg;
  }
  // The original result and input are gone; the views still read the shared buffer.
  EXPECT_EQ(copy.call_id(), "sub1@ua.example.com");
  EXPECT_EQ(copy.header(HeaderId::Event), "certificate");
}

TEST(SipMessage, RoundTripParseSerializeParse) {
  const std::string messages[] = {
      kSubscribe,
      "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS a.example.com;branch=z9hG4bK1,SIP/2.0/TLS b.example.com;branch=z9hG4bK2\r\n"
      "f: sip:a@example.com;tag=1\r\nt: sip:b@example.com;tag=2\r\ni: x@y\r\nCSeq: 5 NOTIFY\r\n"
      "X-Folded: a\r\n b\r\nSIP-ETag: e1\r\nl: 3\r\n\r\nabc",
      "NOTIFY sips:b@example.com SIP/2.0\r\nVia: SIP/2.0/TLS s.example.com;branch=z9hG4bKn\r\n"
      "From: <sips:a@example.com>;tag=x\r\nTo: <sips:b@example.com>;tag=y\r\nCall-ID: n\r\nCSeq: 3 NOTIFY\r\n"
      "Subscription-State: active;expires=60\r\nEvent: certificate\r\n"
      "Content-Type: application/pkix-cert\r\nContent-Length: 4\r\n\r\n\x30\x82\0\x01"s,
  };
  for (const std::string& wire : messages) {
    const ParseResult a = must_parse(wire);
    const std::string out = serialize(a.msg);
    const ParseResult b = must_parse(out);
    ASSERT_TRUE(b.ok()) << out;
    EXPECT_EQ(a.msg.is_request(), b.msg.is_request());
    EXPECT_EQ(a.msg.method_name(), b.msg.method_name());
    EXPECT_EQ(a.msg.request_uri(), b.msg.request_uri());
    EXPECT_EQ(a.msg.status(), b.msg.status());
    EXPECT_EQ(a.msg.reason(), b.msg.reason());
    EXPECT_EQ(a.msg.body(), b.msg.body());
    ASSERT_EQ(a.msg.fields().size(), b.msg.fields().size());
    for (std::size_t i = 0; i < a.msg.fields().size(); ++i) {
      EXPECT_EQ(a.msg.fields()[i].id, b.msg.fields()[i].id);
      EXPECT_EQ(a.msg.fields()[i].value, b.msg.fields()[i].value);
    }
    EXPECT_EQ(serialize(b.msg), out);  // a fixed point after one pass
  }
}

}  // namespace
}  // namespace credsvc::sip
