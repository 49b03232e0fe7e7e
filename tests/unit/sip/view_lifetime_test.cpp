// Parsed values view the text they came from and hold a share of it: copies
// outlive the Message or string they were parsed from (ASan builds check
// that nothing dangles), decoded parts live in a private copy, and the lists
// of views cannot be copied away from their owner.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "sip/header_name.hpp"
#include "sip/message_builder.hpp"
#include "sip/name_addr.hpp"
#include "sip/parser.hpp"
#include "sip/uri.hpp"
#include "sip/via.hpp"

namespace credsvc::sip {
namespace {

// Copying a list of views on its own would let it outlive its text.
static_assert(!std::is_copy_constructible_v<ParamViews> && !std::is_copy_assignable_v<ParamViews>);
static_assert(!std::is_move_constructible_v<ParamViews>);
static_assert(!std::is_copy_constructible_v<UriParams> && !std::is_copy_constructible_v<UriHeaders>);
static_assert(std::is_copy_constructible_v<Uri> && std::is_copy_constructible_v<NameAddr> &&
              std::is_copy_constructible_v<Via>);

std::string wire_with(const std::string& extra) {
  return "SUBSCRIBE sips:%61lice@example.com;transport=tcp SIP/2.0\r\n"
         "Via: SIP/2.0/TLS ua.example.net:5061;branch=z9hG4bK74bf9a2c1;rport;x=\"a\\\"b\"\r\n"
         "From: \"Bob \\\"B\\\"\" <sips:bob@example.net;lr>;tag=9fxced76sl\r\n"
         "To: <sips:alice@example.com>\r\n"
         "Call-ID: 3848276298220188511@ua.example.net\r\n"
         "CSeq: 1 SUBSCRIBE\r\n" +
         extra + "Content-Length: 0\r\n\r\n";
}

TEST(SipViewLifetime, CopiesOutliveTheMessage) {
  std::optional<Uri> request_uri;
  std::optional<NameAddr> from;
  std::optional<NameAddr> to;
  std::vector<Via> vias;
  std::vector<NameAddr> contacts;
  std::vector<NameAddr> routes;
  {
    ParseResult r = parse_message(wire_with("Contact: <sips:bob@ua.example.net:5061;transport=tcp>;expires=60\r\n"
                                            "Route: <sips:p1.example.com;lr>, <sips:p2.example.com;lr>\r\n"));
    ASSERT_TRUE(r.ok()) << r.reason;
    request_uri = r.msg.request_uri();
    from = *r.msg.from();
    to = *r.msg.to();
    vias = r.msg.vias();
    contacts = r.msg.contacts().value().contacts;
    routes = r.msg.routes().value();
  }
  // The message and its buffer are gone; every copy still reads its text.
  EXPECT_EQ(request_uri->user, "alice");  // %61 decoded in a private copy
  EXPECT_EQ(request_uri->host, "example.com");
  EXPECT_EQ(request_uri->transport(), "tcp");
  EXPECT_EQ(from->display_name, "Bob \"B\"");
  EXPECT_EQ(from->tag(), "9fxced76sl");
  EXPECT_TRUE(from->uri.lr());
  EXPECT_EQ(to_string(to->uri), "sips:alice@example.com");
  ASSERT_EQ(vias.size(), 1u);
  EXPECT_EQ(vias[0].sent_by(), "ua.example.net:5061");
  EXPECT_EQ(vias[0].branch(), "z9hG4bK74bf9a2c1");
  EXPECT_EQ(vias[0].params.value("x"), "a\"b");
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].expires(), 60u);
  EXPECT_EQ(contacts[0].uri.port, 5061);
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[1].uri.host, "p2.example.com");
}

TEST(SipViewLifetime, ValuesParsedFromATemporaryStringKeepACopy) {
  std::optional<Uri> uri;
  std::optional<NameAddr> na;
  std::vector<Via> vias;
  std::optional<ContactList> contacts;
  {
    std::string text = "sip:carol%20c:pw@chicago.example.com;maddr=192.0.2.1?subject=a%26b";
    uri = parse_uri(text).value();
    std::string element = "Carol <sip:carol@chicago.example.com>;tag=x";
    na = parse_name_addr(element).value();
    std::string via = "SIP/2.0/TLS a.example.com;branch=z9hG4bK1, SIP/2.0/TLS b.example.com;branch=z9hG4bK2";
    vias = parse_via(via).value();
    std::string contact = "<sip:a@example.com>;q=0.5, <sip:b@example.com>";
    contacts = parse_contact(contact).value();
    // Overwrite the sources before they go, so a stale view would read garbage.
    text.assign(text.size(), '#');
    element.assign(element.size(), '#');
    via.assign(via.size(), '#');
    contact.assign(contact.size(), '#');
  }
  EXPECT_EQ(uri->user, "carol c");
  EXPECT_EQ(uri->password, "pw");
  EXPECT_EQ(uri->maddr(), "192.0.2.1");
  EXPECT_EQ(uri->headers.at(0).value, "a&b");
  EXPECT_EQ(na->display_name, "Carol");
  EXPECT_EQ(na->tag(), "x");
  ASSERT_EQ(vias.size(), 2u);
  EXPECT_EQ(vias[1].branch(), "z9hG4bK2");
  ASSERT_EQ(contacts->contacts.size(), 2u);
  EXPECT_DOUBLE_EQ(contacts->contacts[0].q().value(), 0.5);
}

TEST(SipViewLifetime, CopiesAndMovesOfListsPastTheirInlineSize) {
  // More parameters than a list keeps inline: the copies must not share storage.
  const auto parsed = parse_uri("sip:x@example.com;a=1;b=2;c=3;d=4;e=5?h1=1&h2=2");
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  Uri copy = parsed.value();
  const Uri moved = std::move(copy);
  ASSERT_EQ(moved.params.size(), 5u);
  EXPECT_EQ(moved.param_value("e"), "5");
  EXPECT_EQ(moved.headers.size(), 2u);
  EXPECT_EQ(moved, parsed.value());
  const auto na = parse_name_addr("<sip:x@example.com>;p1;p2=2;p3=\"3\";p4=4;tag=t");
  ASSERT_TRUE(na.ok());
  const NameAddr na_copy = na.value();
  EXPECT_EQ(na_copy.params.size(), 5u);
  EXPECT_EQ(na_copy.tag(), "t");
  EXPECT_EQ(na_copy.params.at(2).quoted, true);
  EXPECT_THROW((void)na_copy.params.at(5), std::out_of_range);
}

TEST(SipHeaderNameExactness, ReportsCanonicalSpelling) {
  bool exact = false;
  EXPECT_EQ(header_id("Call-ID", exact), HeaderId::CallId);
  EXPECT_TRUE(exact);
  EXPECT_EQ(header_id("call-id", exact), HeaderId::CallId);
  EXPECT_FALSE(exact);
  EXPECT_EQ(header_id("Contact", exact), HeaderId::Contact);  // shares a bucket with Call-ID
  EXPECT_TRUE(exact);
  EXPECT_EQ(header_id("Reply-To", exact), HeaderId::ReplyTo);
  EXPECT_EQ(header_id("REFER-TO", exact), HeaderId::ReferTo);
  EXPECT_FALSE(exact);
  EXPECT_EQ(header_id("i", exact), HeaderId::CallId);
  EXPECT_FALSE(exact);  // a compact form is not the canonical spelling
  EXPECT_EQ(header_id("X-Call-ID", exact), HeaderId::Unknown);
  EXPECT_EQ(header_id("", exact), HeaderId::Unknown);
  EXPECT_EQ(header_id("Content-Transfer-Encodings", exact), HeaderId::Unknown);
}

// The serialization the fast path must match: rebuilt field by field.
std::string rebuilt(const Message& m) {
  std::string out = m.is_request()
                        ? std::string(m.method_name()) + " " + std::string(m.request_uri_text()) + " SIP/2.0\r\n"
                        : "SIP/2.0 " + std::to_string(m.status()) + " " + std::string(m.reason()) + "\r\n";
  for (const HeaderField& f : m.fields()) {
    if (f.id == HeaderId::ContentLength) continue;
    const std::string_view name = f.id == HeaderId::Unknown ? f.name : canonical_name(f.id);
    out += std::string(name) + ": " + std::string(f.value) + "\r\n";
  }
  return out + "Content-Length: " + std::to_string(m.body().size()) + "\r\n\r\n" + std::string(m.body());
}

TEST(SipSerialize, CopiedRunsMatchAFieldByFieldRebuild) {
  const std::string cases[] = {
      // Already canonical: one run from the request line on.
      wire_with("Expires: 3600\r\n"),
      // Lower-case version, trailing white space, no space after ':', space before ':'.
      "OPTIONS sip:a@example.com sip/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKq  \r\n"
      "From: <sip:a@example.com>;tag=1\r\nTo:<sip:a@example.com>\r\nCall-ID : c1\r\nCSeq: 1 OPTIONS\r\n\r\n",
      // Compact and lower-case names, folding, Content-Length in the middle, unknown headers.
      "NOTIFY sip:b@example.com SIP/2.0\r\nv: SIP/2.0/TLS a.example.com;branch=z9hG4bK1\r\n"
      "X-One: 1\r\nl: 3\r\nX-Two: a\r\n b\r\ncall-id: x@y\r\nFrom: <sip:a@example.com>;tag=2\r\n"
      "To: <sip:b@example.com>;tag=3\r\nCSeq: 2 NOTIFY\r\nSubject: \r\nX-Empty:\r\n\r\nabc",
      // A response, and a request whose first header is Content-Length.
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS a.example.com;branch=z9hG4bK1\r\nCSeq: 5 NOTIFY\r\n\r\n",
      "MESSAGE sip:a@example.com SIP/2.0\r\nContent-Length: 2\r\nTo: <sip:a@example.com>\r\n\r\nhi",
      // No empty line: the buffer ends the last header.
      "OPTIONS sip:a@example.com SIP/2.0\r\nX-Last: v",
      // No headers at all.
      "OPTIONS sip:a@example.com SIP/2.0\r\n\r\n",
  };
  for (const std::string& wire : cases) {
    const ParseResult r = parse_message(wire);
    ASSERT_NE(r.kind, ParseErrorKind::Unframeable) << wire;
    EXPECT_EQ(serialize(r.msg), rebuilt(r.msg)) << wire;
  }
  // Canonical input comes back byte for byte.
  const std::string canonical = wire_with("User-Agent: t/1\r\n");
  EXPECT_EQ(serialize(parse_message(canonical).msg), canonical);
}

}  // namespace
}  // namespace credsvc::sip
