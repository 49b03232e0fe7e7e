// The typed header grammars, called directly.
#include <gtest/gtest.h>

#include <chrono>

#include "sip/cseq.hpp"
#include "sip/date_header.hpp"
#include "sip/event_headers.hpp"
#include "sip/header_name.hpp"
#include "sip/media_type.hpp"
#include "sip/name_addr.hpp"
#include "sip/numeric_headers.hpp"
#include "sip/token_headers.hpp"
#include "sip/via.hpp"
#include "sip/warning.hpp"

namespace credsvc::sip {
namespace {

TEST(SipHeaderName, CompactFormsAndCase) {
  EXPECT_EQ(header_id("i"), HeaderId::CallId);
  EXPECT_EQ(header_id("M"), HeaderId::Contact);
  EXPECT_EQ(header_id("e"), HeaderId::ContentEncoding);
  EXPECT_EQ(header_id("l"), HeaderId::ContentLength);
  EXPECT_EQ(header_id("c"), HeaderId::ContentType);
  EXPECT_EQ(header_id("f"), HeaderId::From);
  EXPECT_EQ(header_id("t"), HeaderId::To);
  EXPECT_EQ(header_id("v"), HeaderId::Via);
  EXPECT_EQ(header_id("k"), HeaderId::Supported);
  EXPECT_EQ(header_id("s"), HeaderId::Subject);
  EXPECT_EQ(header_id("o"), HeaderId::Event);
  EXPECT_EQ(header_id("u"), HeaderId::AllowEvents);
  EXPECT_EQ(header_id("y"), HeaderId::Identity);
  EXPECT_EQ(header_id("n"), HeaderId::IdentityInfo);
  EXPECT_EQ(header_id("r"), HeaderId::ReferTo);
  EXPECT_EQ(header_id("q"), HeaderId::Unknown);
  EXPECT_EQ(header_id("cAlL-iD"), HeaderId::CallId);
  EXPECT_EQ(header_id("sip-etag"), HeaderId::SipETag);
  EXPECT_EQ(header_id("WWW-AUTHENTICATE"), HeaderId::WwwAuthenticate);
  EXPECT_EQ(header_id("C%6Fntact"), HeaderId::Unknown);
  EXPECT_EQ(canonical_name(HeaderId::CSeq), "CSeq");
  EXPECT_EQ(canonical_name(HeaderId::SipIfMatch), "SIP-If-Match");
  EXPECT_EQ(canonical_name(HeaderId::Unknown), "");
  EXPECT_TRUE(is_list_header(HeaderId::Via));
  EXPECT_TRUE(is_list_header(HeaderId::Contact));
  EXPECT_FALSE(is_list_header(HeaderId::Date));
  EXPECT_FALSE(is_list_header(HeaderId::WwwAuthenticate));
  EXPECT_FALSE(is_list_header(HeaderId::Authorization));
}

TEST(SipVia, AllParts) {
  const auto v = parse_via("SIP/2.0/TLS [2001:db8::9]:5061;branch=z9hG4bK776asdhds;received=2001:db8::1;"
                           "rport=5062;maddr=224.2.0.1;ttl=16;alias;x=\"q\"");
  ASSERT_TRUE(v.ok()) << v.error();
  ASSERT_EQ(v->size(), 1u);
  const Via& via = (*v)[0];
  EXPECT_EQ(via.protocol_name, "SIP");
  EXPECT_EQ(via.protocol_version, "2.0");
  EXPECT_EQ(via.transport, "TLS");
  EXPECT_EQ(via.host, "[2001:db8::9]");
  EXPECT_EQ(via.port, 5061);
  EXPECT_EQ(via.sent_by(), "[2001:db8::9]:5061");
  EXPECT_EQ(via.branch(), "z9hG4bK776asdhds");
  EXPECT_EQ(via.received(), "2001:db8::1");
  EXPECT_TRUE(via.has_rport());
  EXPECT_EQ(via.rport(), 5062);
  EXPECT_EQ(via.maddr(), "224.2.0.1");
  EXPECT_EQ(via.ttl(), 16);
  EXPECT_TRUE(via.params.has("alias"));
  EXPECT_EQ(via.params.value("x"), "q");
  const auto again = parse_via(to_string(via));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].params, via.params);
  EXPECT_EQ((*again)[0].host, via.host);
}

TEST(SipVia, ListsAndFolding) {
  const auto v = parse_via("SIP / 2.0 / UDP a.example.com ;branch = z9hG4bK1 ,\r\n SIP/2.0/TCP b.example.com:5060;rport");
  ASSERT_TRUE(v.ok()) << v.error();
  ASSERT_EQ(v->size(), 2u);
  EXPECT_EQ((*v)[0].branch(), "z9hG4bK1");
  EXPECT_EQ((*v)[1].port, 5060);
  EXPECT_TRUE((*v)[1].has_rport());
  EXPECT_FALSE((*v)[1].rport().has_value());
}

TEST(SipVia, Rejections) {
  for (std::string_view bad :
       {"", "SIP/2.0/UDP", "SIP/2.0 UDP host", "SIP/2.0/UDP host;;", "SIP/2.0/UDP host,,",
        "SIP/2.0/UDP 192.0.2.15;;,;,,", "SIP/2.0/UDP host;ttl=256", "SIP/2.0/UDP host;received=host.example.com",
        "SIP/2.0/UDP host;rport=x", "SIP/2.0/UDP host:99999", "SIP/2.0/UDP host;branch=\"x\"",
        "SIP/2.0/UDP host;branch", "SIP/2.0/UDP host junk", "SIP/2.0/UDP [::1"}) {
    EXPECT_FALSE(parse_via(bad).ok()) << bad;
  }
}

TEST(SipNameAddr, Forms) {
  auto a = parse_name_addr("\"Alice \\\"A\\\"\" <sips:alice@example.com;transport=tcp>;tag=1234;x");
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a->display_name, "Alice \"A\"");
  EXPECT_TRUE(a->display_quoted);
  EXPECT_TRUE(a->bracketed);
  EXPECT_EQ(a->uri.scheme, UriScheme::Sips);
  EXPECT_EQ(a->uri.transport(), "tcp");
  EXPECT_EQ(a->tag(), "1234");
  EXPECT_TRUE(a->params.has("x"));

  auto b = parse_name_addr("sip:bob@example.com;tag=99");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->bracketed);
  EXPECT_FALSE(b->display_name.has_value());
  EXPECT_TRUE(b->uri.params.empty());
  EXPECT_EQ(b->tag(), "99");

  auto c = parse_name_addr("Bob  Smith <sip:bob@example.com>");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->display_name, "Bob  Smith");
  EXPECT_FALSE(c->display_quoted);

  auto d = parse_name_addr("<sip:bob@example.com>");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->display_name.has_value());

  for (std::string_view bad :
       {"", "\"unterminated <sip:a@example.com>", "Bell, Alexander <sip:a@example.com>",
        "< sip:a@example.com >", "<sip:a@example.com", "sip:a@example.com?x=y", "<sip:a@example.com> junk",
        "<sip:a@example.com>;tag=", "\"x\" sip:a@example.com", "<sip:a@example.com>;tag=1;tag=2"}) {
    EXPECT_FALSE(parse_name_addr(bad).ok()) << bad;
  }
}

TEST(SipNameAddr, ToStringRoundTrip) {
  auto a = parse_name_addr("Bob <sip:bob@example.com;lr>;tag=x;q=\"a b\"");
  ASSERT_TRUE(a.ok());
  const std::string s = to_string(*a);
  EXPECT_EQ(s, "\"Bob\" <sip:bob@example.com;lr>;tag=x;q=\"a b\"");
  auto b = parse_name_addr(s);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->uri, a->uri);
  EXPECT_EQ(b->params, a->params);
}

TEST(SipContact, ListStarAndParams) {
  auto l = parse_contact("<sip:a@example.com>;expires=60;q=0.5, \"B\" <sip:b@example.com;transport=tcp>;q=1.000");
  ASSERT_TRUE(l.ok()) << l.error();
  ASSERT_EQ(l->contacts.size(), 2u);
  EXPECT_EQ(l->contacts[0].expires(), 60u);
  EXPECT_DOUBLE_EQ(l->contacts[0].q().value(), 0.5);
  EXPECT_DOUBLE_EQ(l->contacts[1].q().value(), 1.0);
  EXPECT_FALSE(l->star);
  auto star = parse_contact(" * ");
  ASSERT_TRUE(star.ok());
  EXPECT_TRUE(star->star);
  EXPECT_TRUE(star->contacts.empty());
  // Contact parameters out of range read as absent.
  auto odd = parse_contact("<sip:a@example.com>;expires=280297596632815;q=1.5");
  ASSERT_TRUE(odd.ok());
  EXPECT_FALSE(odd->contacts[0].expires().has_value());
  EXPECT_FALSE(odd->contacts[0].q().has_value());
  EXPECT_FALSE(parse_contact("<sip:a@example.com>,").ok());
  EXPECT_FALSE(parse_contact("\"Joe\" <sip:joe@example.org>;;;;").ok());
  EXPECT_FALSE(parse_contact("sip:user@example.com?Route=%3Csip:sip.example.com%3E").ok());
  // A comma inside <> does not split.
  auto comma = parse_contact("<sip:a,b@example.com>");
  ASSERT_TRUE(comma.ok());
  EXPECT_EQ(comma->contacts.at(0).uri.user, "a,b");
}

TEST(SipCSeq, Values) {
  auto c = parse_cseq("  0009 \r\n INVITE ");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->number, 9u);
  EXPECT_EQ(c->method, Method::Invite);
  EXPECT_EQ(to_string(*c), "9 INVITE");
  EXPECT_EQ(parse_cseq("4294967295 SUBSCRIBE")->number, 4294967295u);
  for (std::string_view bad : {"", "1", "INVITE", "4294967296 INVITE", "-1 INVITE", "1INVITE", "1 INVITE x",
                               "1 IN VITE", "36893488147419103232 REGISTER"}) {
    EXPECT_FALSE(parse_cseq(bad).ok()) << bad;
  }
}

TEST(SipNumeric, DeltaSecondsMaxForwardsContentLength) {
  EXPECT_EQ(parse_delta_seconds(" 3600 ").value(), 3600u);
  EXPECT_EQ(parse_delta_seconds("4294967295").value(), 4294967295u);
  EXPECT_FALSE(parse_delta_seconds("4294967296").ok());
  EXPECT_FALSE(parse_delta_seconds("-1").ok());
  EXPECT_FALSE(parse_delta_seconds("").ok());
  EXPECT_FALSE(parse_delta_seconds("1 2").ok());
  EXPECT_EQ(parse_max_forwards("0068").value(), 68u);
  EXPECT_EQ(parse_max_forwards("255").value(), 255u);
  EXPECT_FALSE(parse_max_forwards("256").ok());
  EXPECT_EQ(parse_content_length("0").value(), 0u);
  EXPECT_FALSE(parse_content_length("-999").ok());
  EXPECT_FALSE(parse_content_length("+5").ok());
}

TEST(SipNumeric, RetryAfter) {
  auto r = parse_retry_after("18000 (in a meeting) ;duration=3600;x=y");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->seconds, 18000u);
  EXPECT_EQ(r->comment, "in a meeting");
  EXPECT_EQ(r->duration, 3600u);
  EXPECT_EQ(r->params.value("x"), "y");
  EXPECT_EQ(parse_retry_after("120")->seconds, 120u);
  EXPECT_FALSE(parse_retry_after("x").ok());
  EXPECT_FALSE(parse_retry_after("5;duration=x").ok());
  EXPECT_FALSE(parse_retry_after("5 (unterminated").ok());
}

TEST(SipTokens, Lists) {
  EXPECT_EQ(parse_token_list("100rel, timer ,\r\n path").value(),
            (std::vector<std::string>{"100rel", "timer", "path"}));
  EXPECT_TRUE(parse_token_list("  ").value().empty());
  EXPECT_FALSE(parse_token_list("a,,b").ok());
  EXPECT_FALSE(parse_token_list("a b").ok());
  EXPECT_EQ(parse_event_type_list("certificate, credential, presence.winfo").value().size(), 3u);
  EXPECT_FALSE(parse_event_type_list("presence..winfo").ok());
  EXPECT_EQ(parse_entity_tag(" dx200xyz ").value(), "dx200xyz");
  EXPECT_FALSE(parse_entity_tag("a b").ok());
  EXPECT_FALSE(parse_entity_tag("").ok());
  EXPECT_TRUE(is_valid_call_id("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com"));
  EXPECT_TRUE(is_valid_call_id("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"));
  EXPECT_FALSE(is_valid_call_id("a@b@c"));
  EXPECT_FALSE(is_valid_call_id("a b"));
  EXPECT_FALSE(is_valid_call_id("@b"));
  EXPECT_FALSE(is_valid_call_id(""));
}

TEST(SipEvent, PackageIdEtag) {
  auto e = parse_event("certificate;id=77;etag=\"a1b2\";other");
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(e->type, "certificate");
  EXPECT_EQ(e->package, "certificate");
  EXPECT_TRUE(e->templates.empty());
  EXPECT_EQ(e->id(), "77");
  EXPECT_EQ(e->etag(), "a1b2");
  EXPECT_TRUE(e->params.has("other"));
  auto w = parse_event("presence.winfo");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->package, "presence");
  EXPECT_EQ(w->templates, std::vector<std::string>{"winfo"});
  for (std::string_view bad : {"", "pres..x", ".x", "x.", "x;id", "x;id=\"q\"", "x y"}) {
    EXPECT_FALSE(parse_event(bad).ok()) << bad;
  }
}

TEST(SipEvent, SubscriptionState) {
  auto s = parse_subscription_state("terminated;reason=deactivated;retry-after=30");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->state, SubState::Terminated);
  EXPECT_EQ(s->reason(), "deactivated");
  EXPECT_EQ(s->retry_after(), 30u);
  auto a = parse_subscription_state("active;expires=3600");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state, SubState::Active);
  EXPECT_EQ(a->expires(), 3600u);
  EXPECT_EQ(parse_subscription_state("Pending")->state, SubState::Pending);
  EXPECT_EQ(parse_subscription_state("waiting")->state, SubState::Extension);
  EXPECT_FALSE(parse_subscription_state("active;expires=soon").ok());
  EXPECT_FALSE(parse_subscription_state("").ok());
}

TEST(SipMediaType, ContentTypeAcceptDisposition) {
  auto ct = parse_media_type("Multipart/Mixed ; boundary=\"simple boundary\";charset=utf-8");
  ASSERT_TRUE(ct.ok()) << ct.error();
  EXPECT_EQ(ct->type, "multipart");
  EXPECT_EQ(ct->subtype, "mixed");
  EXPECT_EQ(ct->boundary(), "simple boundary");
  EXPECT_TRUE(ct->is("MULTIPART", "mixed"));
  EXPECT_EQ(to_string(*ct), "multipart/mixed;boundary=\"simple boundary\";charset=utf-8");
  EXPECT_FALSE(parse_media_type("text").ok());
  EXPECT_FALSE(parse_media_type("text/plain;charset").ok());
  EXPECT_FALSE(parse_media_type("text/plain junk").ok());

  auto acc = parse_accept("application/pkix-cert;q=0.9, */*;q=0.1, text/*");
  ASSERT_TRUE(acc.ok());
  ASSERT_EQ(acc->size(), 3u);
  EXPECT_TRUE((*acc)[0].covers(*parse_media_type("application/PKIX-CERT")));
  EXPECT_TRUE((*acc)[1].covers(*parse_media_type("image/png")));
  EXPECT_TRUE((*acc)[2].covers(*parse_media_type("text/plain")));
  EXPECT_FALSE((*acc)[2].covers(*parse_media_type("application/sdp")));
  EXPECT_TRUE(parse_accept("").value().empty());
  EXPECT_FALSE(parse_accept("text/plain,,").ok());

  auto cd = parse_content_disposition("Signal ;handling=required");
  ASSERT_TRUE(cd.ok());
  EXPECT_EQ(cd->type, "signal");
  EXPECT_EQ(cd->handling(), "required");
  EXPECT_EQ(to_string(*cd), "signal;handling=required");
  EXPECT_FALSE(parse_content_disposition(";x").ok());
}

TEST(SipDate, Rfc1123GmtOnly) {
  using namespace std::chrono;
  auto d = parse_date("Sat, 13 Nov 2010 23:29:00 GMT");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(duration_cast<seconds>(d->time_since_epoch()).count(), 1289690940);
  EXPECT_EQ(format_date(*d), "Sat, 13 Nov 2010 23:29:00 GMT");
  EXPECT_EQ(format_date(sys_days{2000y / February / 29} + 1h + 2min + 3s), "Tue, 29 Feb 2000 01:02:03 GMT");
  // Regression (fuzz_sip_header_params): years past system_clock's range are
  // rejected instead of overflowing the nanosecond conversion.
  EXPECT_EQ(parse_date("Sat, 13 Nov 4018 23:29:00 GMT").error(), "date out of range");
  EXPECT_EQ(parse_date("Sat, 13 Nov 0276 23:29:00 GMT").error(), "date out of range");
  EXPECT_EQ(format_date(*parse_date("Sun, 01 Jan 2040 00:00:00 GMT")), "Sun, 01 Jan 2040 00:00:00 GMT");
  for (std::string_view bad :
       {"Fri, 01 Jan 2010 16:00:00 EST", "Sat, 13 Nov 2010 23:29:00 UTC", "Sat, 13 Nov 2010 23:29:00",
        "Sat 13 Nov 2010 23:29:00 GMT", "Sat, 31 Feb 2010 23:29:00 GMT", "Sat, 13 Nov 2010 24:00:00 GMT",
        "Xyz, 13 Nov 2010 23:29:00 GMT", "Sat, 13 Nox 2010 23:29:00 GMT", "Sat, 1 Nov 2010 23:29:00 GMT",
        "Sat, 13 Nov 2010 23:29:60 GMT", ""}) {
    EXPECT_FALSE(parse_date(bad).ok()) << bad;
  }
}

TEST(SipWarning, CodeAgentText) {
  auto w = parse_warning("380 sip.example.com \"SIPS Not Allowed\", 381 [::1]:5061 \"a, \\\"b\\\"\"");
  ASSERT_TRUE(w.ok()) << w.error();
  ASSERT_EQ(w->size(), 2u);
  EXPECT_EQ((*w)[0].code, 380);
  EXPECT_EQ((*w)[0].agent, "sip.example.com");
  EXPECT_EQ((*w)[0].text, "SIPS Not Allowed");
  EXPECT_EQ((*w)[1].agent, "[::1]:5061");
  EXPECT_EQ((*w)[1].text, "a, \"b\"");
  EXPECT_EQ(to_string((*w)[0]), "380 sip.example.com \"SIPS Not Allowed\"");
  EXPECT_FALSE(parse_warning("38 x \"t\"").ok());
  EXPECT_FALSE(parse_warning("380 x t").ok());
  EXPECT_FALSE(parse_warning("380 \"t\"").ok());
}

}  // namespace
}  // namespace credsvc::sip
