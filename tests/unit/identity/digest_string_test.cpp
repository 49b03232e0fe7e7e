// RFC 4474 §9 digest-string construction, from parts and from parsed requests.
#include <gtest/gtest.h>

#include <string>

#include "identity/digest_string.hpp"
#include "test_support.hpp"

namespace credsvc::identity {
namespace {

using test::parse;

TEST(IdentityDigestString, FromPartsJoinsFieldsWithBars) {
  DigestStringParts p;
  p.from_addr_spec = "sip:alice@example.com";
  p.to_addr_spec = "sip:bob@example.org";
  p.call_id = "a84b4c76e66710";
  p.cseq_number = 314159;
  p.cseq_method = "NOTIFY";
  p.date = "Thu, 21 Feb 2002 13:02:03 GMT";
  p.contact_addr_spec = "sip:alice@pc33.example.com";
  p.body = "v=0\r\no=x\r\n";
  EXPECT_EQ(digest_string(p),
            "sip:alice@example.com|sip:bob@example.org|a84b4c76e66710|314159 NOTIFY|"
            "Thu, 21 Feb 2002 13:02:03 GMT|sip:alice@pc33.example.com|v=0\r\no=x\r\n");
}

TEST(IdentityDigestString, FromPartsKeepsEmptyContactAndBinaryBody) {
  const std::string body("\0\r\n\xff|x", 6);
  DigestStringParts p;
  p.from_addr_spec = "sip:a@example.com";
  p.to_addr_spec = "sip:b@example.com";
  p.call_id = "c";
  p.cseq_number = 0;
  p.cseq_method = "NOTIFY";
  p.date = "Sat, 13 Nov 2010 23:29:00 GMT";
  p.body = body;
  const std::string expected =
      std::string("sip:a@example.com|sip:b@example.com|c|0 NOTIFY|Sat, 13 Nov 2010 23:29:00 GMT||") + body;
  EXPECT_EQ(digest_string(p), expected);
  EXPECT_EQ(digest_string(p).size(), expected.size());
}

TEST(IdentityDigestString, CseqTextOverridesNumber) {
  DigestStringParts p;
  p.cseq_number = 7;
  p.cseq_number_text = "007";
  p.cseq_method = "INVITE";
  EXPECT_EQ(digest_string(p), "|||007 INVITE|||");
}

TEST(IdentityDigestString, FromMessageStripsDisplayNamesAndHeaderParams) {
  const sip::Message msg = parse(
      "NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\n"
      "Via: SIP/2.0/TLS svc.example.com;branch=z9hG4bK776asdhds\r\n"
      "From: \"Alice <not a uri>\" <sip:alice@example.com;transport=tls>;tag=1928301774\r\n"
      "To: Bob Smith <sip:bob@example.org>;tag=a6c85cf\r\n"
      "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
      "CSeq: 314159 NOTIFY\r\n"
      "Date: Thu, 21 Feb 2002 13:02:03 GMT\r\n"
      "Contact: \"Svc\" <sip:credsvc@svc.example.com;transport=tls>;expires=60\r\n"
      "Max-Forwards: 70\r\n"
      "Content-Length: 4\r\n"
      "\r\n"
      "abcd");
  const auto d = digest_string(msg);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(*d,
            "sip:alice@example.com;transport=tls|sip:bob@example.org|a84b4c76e66710@pc33.example.com|"
            "314159 NOTIFY|Thu, 21 Feb 2002 13:02:03 GMT|sip:credsvc@svc.example.com;transport=tls|abcd");
}

TEST(IdentityDigestString, FromMessageWithCompactHeadersAndAddrSpecForm) {
  const sip::Message msg = parse(
      "NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\n"
      "v: SIP/2.0/TLS svc.example.com;branch=z9hG4bK776asdhds\r\n"
      "f: sip:alice@example.com;tag=88\r\n"
      "t: sip:bob@example.org\r\n"
      "i: 12345@host\r\n"
      "CSeq:   0042    NOTIFY\r\n"
      "Date: Thu, 21 Feb 2002 13:02:03 GMT\r\n"
      "m: <sip:alice@pc33.example.com>\r\n"
      "l: 0\r\n"
      "\r\n");
  const auto d = digest_string(msg);
  ASSERT_TRUE(d.ok()) << d.error();
  // The CSeq digits as received, one space before the method.
  EXPECT_EQ(*d,
            "sip:alice@example.com|sip:bob@example.org|12345@host|0042 NOTIFY|Thu, 21 Feb 2002 13:02:03 GMT|"
            "sip:alice@pc33.example.com|");
}

TEST(IdentityDigestString, FromMessageWithoutContactAndWithBinaryBody) {
  const std::string body("\x30\x82\0\r\n\r\n\xfe", 8);
  const sip::Message msg = parse(
      std::string("NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\n"
                  "Via: SIP/2.0/TLS svc.example.com;branch=z9hG4bK776asdhds\r\n"
                  "From: <sip:alice@example.com>;tag=1\r\n"
                  "To: <sip:bob@example.org>\r\n"
                  "Call-ID: abc\r\n"
                  "CSeq: 2 NOTIFY\r\n"
                  "Date: Thu, 21 Feb 2002 13:02:03 GMT\r\n"
                  "Content-Length: 8\r\n"
                  "\r\n") +
      body);
  const auto d = digest_string(msg);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(*d, "sip:alice@example.com|sip:bob@example.org|abc|2 NOTIFY|Thu, 21 Feb 2002 13:02:03 GMT||" + body);
}

TEST(IdentityDigestString, MessageAndPartsAgree) {
  test::NotifySpec spec;
  spec.date = "Sat, 13 Nov 2010 23:29:00 GMT";
  const sip::Message msg = parse(test::unsigned_notify(spec, *spec.date, {}));
  DigestStringParts p;
  p.from_addr_spec = spec.from_uri;
  p.to_addr_spec = spec.to_uri;
  p.call_id = spec.call_id;
  p.cseq_number = spec.cseq;
  p.cseq_method = spec.method;
  p.date = *spec.date;
  p.contact_addr_spec = spec.contact_uri;
  p.body = spec.body;
  const auto d = digest_string(msg);
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(*d, digest_string(p));
}

TEST(IdentityDigestString, MissingDateIsAnError) {
  const sip::Message msg = parse(
      "NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\n"
      "Via: SIP/2.0/TLS svc.example.com;branch=z9hG4bK776asdhds\r\n"
      "From: <sip:alice@example.com>;tag=1\r\n"
      "To: <sip:bob@example.org>\r\n"
      "Call-ID: abc\r\n"
      "CSeq: 2 NOTIFY\r\n"
      "Content-Length: 0\r\n"
      "\r\n");
  const auto d = digest_string(msg);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(), "Date header missing");
}

TEST(IdentityDigestString, TwoContactsAreAnError) {
  const sip::Message msg = parse(
      "NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\n"
      "Via: SIP/2.0/TLS svc.example.com;branch=z9hG4bK776asdhds\r\n"
      "From: <sip:alice@example.com>;tag=1\r\n"
      "To: <sip:bob@example.org>\r\n"
      "Call-ID: abc\r\n"
      "CSeq: 2 NOTIFY\r\n"
      "Date: Thu, 21 Feb 2002 13:02:03 GMT\r\n"
      "Contact: <sip:a@h1>, <sip:b@h2>\r\n"
      "Content-Length: 0\r\n"
      "\r\n");
  const auto d = digest_string(msg);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(), "more than one Contact");
}

TEST(IdentityDigestString, RawAddrSpec) {
  EXPECT_EQ(raw_addr_spec("\"A <b>\" <sip:a@b.c>;tag=1"), "sip:a@b.c");
  EXPECT_EQ(raw_addr_spec("\"A \\\" <x>\" <sip:a@b.c>"), "sip:a@b.c");
  EXPECT_EQ(raw_addr_spec("Tok En <sips:a@b.c;lr>"), "sips:a@b.c;lr");
  EXPECT_EQ(raw_addr_spec("  sip:a@b.c ;tag=2"), "sip:a@b.c");
  EXPECT_EQ(raw_addr_spec("tel:+1-202-555-1212"), "tel:+1-202-555-1212");
  EXPECT_EQ(raw_addr_spec("\"unterminated <sip:a@b.c>"), "");
  EXPECT_EQ(raw_addr_spec("<sip:a@b.c"), "");
}

}  // namespace
}  // namespace credsvc::identity
