#include <gtest/gtest.h>

#include <stdexcept>

#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "sip/reason_phrase.hpp"

namespace credsvc::sip {
namespace {

using namespace std::string_literals;

const std::string kRequest =
    "SUBSCRIBE sips:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TLS proxy.example.com;branch=z9hG4bKp1, SIP/2.0/TLS ua.example.com;branch=z9hG4bKu1\r\n"
    "Via: SIP/2.0/TLS first.example.com;branch=z9hG4bKf1;received=192.0.2.1\r\n"
    "Max-Forwards: 69\r\n"
    "From: \"Bob\" <sips:bob@example.com>;tag=f1\r\n"
    "To: sips:alice@example.com\r\n"
    "Call-ID: sub1@ua.example.com\r\n"
    "CSeq: 10 SUBSCRIBE\r\n"
    "Timestamp: 54\r\n"
    "Event: certificate\r\n"
    "Content-Length: 0\r\n\r\n";

TEST(SipBuilder, RequestWithBody) {
  const std::string wire = MessageBuilder::request("PUBLISH", "sips:alice@example.com")
                               .add(HeaderId::Via, "SIP/2.0/TLS c.example.com;branch=z9hG4bKb")
                               .add(HeaderId::From, "<sips:alice@example.com>;tag=1")
                               .add(HeaderId::To, "<sips:alice@example.com>")
                               .add(HeaderId::CallId, "b1")
                               .add(HeaderId::CSeq, "1 PUBLISH")
                               .add("X-Extra", "yes")
                               .add(HeaderId::ContentLength, "999")  // ignored: computed
                               .body("application/pkix-cert", std::string("\x30\0\r\n", 4))
                               .build();
  EXPECT_EQ(wire.find("Content-Length: 999"), std::string::npos);
  const ParseResult r = parse_message(wire);
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.method(), Method::Publish);
  EXPECT_EQ(r.msg.content_length(), 4u);
  EXPECT_EQ(r.msg.body(), std::string("\x30\0\r\n", 4));
  EXPECT_TRUE(r.msg.content_type().value()->is("application", "pkix-cert"));
  EXPECT_EQ(r.msg.header("x-extra"), "yes");
  EXPECT_EQ(r.consumed, wire.size());
}

TEST(SipBuilder, RequestFromUriNeverAddsTransportTls) {
  const Uri uri = parse_uri("sips:alice@example.com").value();
  const std::string wire = MessageBuilder::request(Method::Notify, uri).build();
  EXPECT_EQ(wire.substr(0, wire.find("\r\n")), "NOTIFY sips:alice@example.com SIP/2.0");
  EXPECT_EQ(wire.find("transport"), std::string::npos);
}

TEST(SipBuilder, RejectsInjection) {
  EXPECT_THROW(MessageBuilder::response(200).add("X", "a\r\nEvil: 1"), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::response(200).add("Bad Name", "v"), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::response(200, "OK\r\nX: y"), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::response(99), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::request("BAD METHOD", "sip:a@b.example.com"), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::request("OPTIONS", "sip:a@b.example.com x"), std::invalid_argument);
  EXPECT_THROW(MessageBuilder::request(Method::Extension, Uri{}), std::invalid_argument);
}

TEST(SipBuilder, ResponseCopiesHeadersAndAddsToTag) {
  const ParseResult req = parse_message(kRequest);
  ASSERT_TRUE(req.ok()) << req.reason;
  const std::string wire = make_response(req.msg, 200, {}, "srv42").add(HeaderId::Expires, "3600").build();
  const ParseResult r = parse_message(wire);
  ASSERT_TRUE(r.ok()) << r.reason << "\n" << wire;
  const Message& m = r.msg;
  EXPECT_TRUE(m.is_response());
  EXPECT_EQ(m.status(), 200);
  EXPECT_EQ(m.reason(), "OK");
  ASSERT_EQ(m.vias().size(), 3u);  // all of them, in order (RFC 3261 §8.2.6.2)
  EXPECT_EQ(m.vias()[0].host, "proxy.example.com");
  EXPECT_EQ(m.vias()[1].host, "ua.example.com");
  EXPECT_EQ(m.vias()[2].received(), "192.0.2.1");
  EXPECT_EQ(m.from()->tag(), "f1");
  EXPECT_EQ(m.from()->display_name, "Bob");
  EXPECT_EQ(m.to()->tag(), "srv42");
  EXPECT_EQ(m.to()->uri.user, "alice");
  EXPECT_EQ(m.call_id(), "sub1@ua.example.com");
  EXPECT_EQ(m.cseq()->number, 10u);
  EXPECT_EQ(m.cseq()->method, Method::Subscribe);
  EXPECT_FALSE(m.header(HeaderId::Timestamp).has_value());
  EXPECT_FALSE(m.header(HeaderId::Event).has_value());
  EXPECT_FALSE(m.max_forwards().has_value());
  EXPECT_EQ(m.expires().value(), 3600u);
  EXPECT_EQ(m.content_length(), 0u);
}

TEST(SipBuilder, ResponseKeepsAnExistingToTagAndCopiesTimestampOn100) {
  std::string tagged = kRequest;
  tagged.replace(tagged.find("To: sips:alice@example.com"), 26, "To: <sips:alice@example.com>;tag=old");
  const ParseResult req = parse_message(tagged);
  ASSERT_TRUE(req.ok()) << req.reason;
  const ParseResult r = parse_message(make_response(req.msg, 100, {}, "new").build());
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.reason(), "Trying");
  EXPECT_EQ(r.msg.to()->tag(), "old");
  EXPECT_EQ(r.msg.header(HeaderId::Timestamp), "54");
  const ParseResult bad = parse_message(make_response(req.msg, 400, "Malformed CSeq header").build());
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad.msg.reason(), "Malformed CSeq header");
}

// Regression (fuzz_sip_message): a received To display name may hold NUL
// through a quoted-pair (RFC 4475 intmeth); copying it must not throw.
TEST(SipBuilder, ResponseCopiesValuesHoldingNul) {
  const std::string wire =
      "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKz\r\n"
      "To: \"NUL:\\\0\" <sip:a@example.com>\r\nFrom: <sip:b@example.com>;tag=1\r\nCall-ID: z\r\n"
      "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"s;
  const ParseResult req = parse_message(wire);
  ASSERT_TRUE(req.ok()) << req.reason;
  ASSERT_EQ(req.msg.to()->display_name, "NUL:\0"s);
  const ParseResult r = parse_message(make_response(req.msg, 200, {}, "t").build());
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.to()->display_name, "NUL:\0"s);
  EXPECT_EQ(r.msg.to()->tag(), "t");
}

TEST(SipBuilder, ReasonPhrases) {
  EXPECT_EQ(default_reason_phrase(200), "OK");
  EXPECT_EQ(default_reason_phrase(412), "Conditional Request Failed");
  EXPECT_EQ(default_reason_phrase(416), "Unsupported URI Scheme");
  EXPECT_EQ(default_reason_phrase(489), "Bad Event");
  EXPECT_EQ(default_reason_phrase(505), "Version Not Supported");
  EXPECT_EQ(default_reason_phrase(438), "Invalid Identity Header");
  EXPECT_EQ(default_reason_phrase(299), "Unknown");
}

}  // namespace
}  // namespace credsvc::sip
