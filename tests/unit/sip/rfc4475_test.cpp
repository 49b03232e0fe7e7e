// Every RFC 4475 torture message with the outcome the RFC asks for.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "sip/framing.hpp"
#include "sip/message_builder.hpp"
#include "sip/multipart.hpp"
#include "sip/parser.hpp"
#include "sip/request_validation.hpp"
#include "test_data.hpp"

namespace credsvc::sip {
namespace {

using namespace std::string_literals;
using test::rfc4475;

ParseResult parse_file(const std::string& name) { return parse_message(rfc4475(name)); }

// A well-formed request that passes every request check.
Message valid_request(const std::string& name) {
  ParseResult r = parse_file(name);
  EXPECT_TRUE(r.ok()) << name << ": " << r.reason;
  EXPECT_TRUE(r.msg.is_request());
  const RequestCheck c = validate_request(r.msg);
  EXPECT_TRUE(c.ok) << name << ": " << c.reason;
  return r.msg;
}

void expect_parse_error(const std::string& name, ParseErrorKind kind, const std::string& reason) {
  const ParseResult r = parse_file(name);
  EXPECT_EQ(r.kind, kind) << name;
  EXPECT_EQ(r.reason, reason) << name;
}

void expect_check_error(const std::string& name, const std::string& reason) {
  const ParseResult r = parse_file(name);
  ASSERT_TRUE(r.ok()) << name << ": " << r.reason;
  const RequestCheck c = validate_request(r.msg);
  EXPECT_FALSE(c.ok) << name;
  EXPECT_EQ(c.reason, reason) << name;
}

// Keeps this file honest: every message in the directory has a test below.
TEST(SipRfc4475, EveryMessageInTheDirectoryIsCovered) {
  const std::set<std::string> covered{
      "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri",
      "transports", "mpart01", "unreason", "noreason", "badinv01", "clerr", "ncl", "scalar02",
      "scalarlg", "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri", "baddate",
      "regbadct", "badaspec", "baddn", "badvers", "mismatch01", "mismatch02", "bigcode",
      "badbranch", "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01",
      "multi01", "mcl01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543"};
  ASSERT_TRUE(std::filesystem::is_directory(test::rfc4475_dir()))
      << "RFC 4475 test data missing at " << test::rfc4475_dir();
  std::set<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(test::rfc4475_dir())) {
    if (entry.path().extension() == ".dat") found.insert(entry.path().stem().string());
  }
  EXPECT_EQ(found, covered);
}

// ---- 3.1.1 valid messages --------------------------------------------------

TEST(SipRfc4475, WsinvWhitespaceAndFolding) {
  const Message m = valid_request("wsinv");
  EXPECT_EQ(m.method(), Method::Invite);
  EXPECT_EQ(m.request_uri().user, "vivekg");
  EXPECT_EQ(m.request_uri().host, "chair-dnrc.example.com");
  ASSERT_NE(m.request_uri().param("unknownparam"), nullptr);
  EXPECT_FALSE(m.request_uri().param("unknownparam")->value.has_value());
  ASSERT_NE(m.to(), nullptr);
  EXPECT_EQ(m.to()->uri.user, "vivekg");
  EXPECT_EQ(m.to()->tag(), "1918181833n");
  ASSERT_NE(m.from(), nullptr);
  EXPECT_EQ(m.from()->display_name, "J Rosenberg \\\"");
  EXPECT_EQ(m.from()->uri.user, "jdrosen");
  EXPECT_EQ(m.from()->tag(), "98asjd8");
  EXPECT_EQ(m.max_forwards(), 68u);
  EXPECT_EQ(m.call_id(), "wsinv.ndaksdj@192.0.2.1");
  ASSERT_NE(m.cseq(), nullptr);
  EXPECT_EQ(m.cseq()->number, 9u);
  EXPECT_EQ(m.cseq()->method, Method::Invite);
  ASSERT_EQ(m.vias().size(), 3u);
  EXPECT_EQ(m.vias()[0].transport, "UDP");
  EXPECT_EQ(m.vias()[0].host, "192.0.2.2");
  EXPECT_EQ(m.vias()[0].branch(), "390skdjuw");
  EXPECT_EQ(m.vias()[1].transport, "TCP");
  EXPECT_EQ(m.vias()[1].host, "spindle.example.com");
  EXPECT_EQ(m.vias()[1].branch(), "z9hG4bK9ikj8");
  EXPECT_EQ(m.vias()[2].host, "192.168.255.111");
  EXPECT_EQ(m.vias()[2].branch(), "z9hG4bK30239");
  EXPECT_EQ(m.header(HeaderId::Subject), "");
  const auto nf = m.header("newfangledheader");
  ASSERT_TRUE(nf.has_value());
  EXPECT_EQ(nf->substr(0, 16), "newfangled value");
  EXPECT_TRUE(nf->ends_with(" continued newfangled value"));
  EXPECT_EQ(nf->find_first_of("\r\n"), std::string_view::npos);
  EXPECT_EQ(m.header("UnknownHeaderWithUnusualValue"), ";;,,;;,;");
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok()) << contacts.error();
  ASSERT_EQ(contacts->contacts.size(), 1u);
  const NameAddr& c = contacts->contacts[0];
  EXPECT_EQ(c.display_name, "Quoted string \"\"");
  EXPECT_EQ(c.params.value("newparam"), "newvalue");
  EXPECT_TRUE(c.params.has("secondparam"));
  EXPECT_DOUBLE_EQ(c.q().value(), 0.33);
  const auto routes = m.routes();
  ASSERT_TRUE(routes.ok());
  ASSERT_EQ(routes->size(), 1u);
  EXPECT_TRUE((*routes)[0].uri.lr());
  EXPECT_EQ((*routes)[0].uri.param_value("unknownwith"), "value");
  EXPECT_TRUE((*routes)[0].uri.has_param("unknown-no-value"));
  EXPECT_EQ(m.body().size(), 150u);
  EXPECT_TRUE(m.content_type()->value().is("application", "sdp"));
}

TEST(SipRfc4475, IntmethUnusualCharacters) {
  const Message m = valid_request("intmeth");
  EXPECT_EQ(m.method(), Method::Extension);
  EXPECT_EQ(m.method_name(), "!interesting-Method0123456789_*+`.%indeed'~");
  EXPECT_EQ(m.request_uri().user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  EXPECT_EQ(m.request_uri().password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  EXPECT_EQ(m.request_uri().host, "example.com");
  EXPECT_EQ(m.top_via()->branch(), "z9hG4bK-.!%66*_+`'~");
  EXPECT_EQ(m.to()->display_name, "BEL:\x07 NUL:\0 DEL:\x7F"s);
  EXPECT_EQ(m.to()->uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  EXPECT_FALSE(m.to()->uri.password.has_value());
  EXPECT_EQ(m.from()->display_name, "token1~` token2'+_ token3*%!.-");
  EXPECT_EQ(m.from()->params.value("fromParam''~+*_!.-%"),
            "\xD1\x80\xD0\xB0\xD0\xB1\xD0\xBE\xD1\x82\xD0\xB0\xD1\x8E\xD1\x89\xD0\xB8\xD0\xB9");
  EXPECT_EQ(m.from()->tag(), "_token~1'+`*%!-.");
  EXPECT_EQ(m.call_id(), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  EXPECT_EQ(m.cseq()->number, 139122385u);
  EXPECT_EQ(m.cseq()->method_name, m.method_name());
  EXPECT_EQ(m.max_forwards(), 255u);
  EXPECT_EQ(m.header("extensionHeader-!.%*+_`'~"),
            "\xEF\xBB\xBF\xE5\xA4\xA7\xE5\x81\x9C\xE9\x9B\xBB");
}

TEST(SipRfc4475, Esc01EscapedCharactersAreDecoded) {
  const Message m = valid_request("esc01");
  EXPECT_EQ(m.request_uri().user, "sips:user@example.com");
  EXPECT_EQ(m.request_uri().host, "example.net");
  EXPECT_TRUE(uri_equal(m.to()->uri, parse_uri("sip:user@example.com").value()));
  EXPECT_EQ(m.from()->uri.user, "I have spaces");
  EXPECT_EQ(m.call_id(), "esc01.239409asdfakjkn23onasd0-3234");
  EXPECT_TRUE(m.content_type()->value().is("application", "sdp"));  // compact "C"
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  const Uri& cu = contacts->contacts.at(0).uri;
  EXPECT_EQ(cu.user, "caller");
  EXPECT_TRUE(cu.lr());  // ";%6C%72"
  EXPECT_EQ(cu.param_value("name"), "value%41");
  EXPECT_EQ(m.body().size(), 150u);
}

TEST(SipRfc4475, EscnullKeepsTheNul) {
  const Message m = valid_request("escnull");
  const std::string user("null-\0-null", 11);
  EXPECT_EQ(m.to()->uri.user, user);
  EXPECT_EQ(m.from()->uri.user, user);
  // The AOR is not shortened at %00.
  EXPECT_EQ(aor_of(m.to()->uri), "null-%00-null@example.com");
  EXPECT_NE(aor_of(m.to()->uri), aor_of(parse_uri("sip:null-@example.com").value()));
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  ASSERT_EQ(contacts->contacts.size(), 2u);
  EXPECT_EQ(contacts->contacts[0].uri.user, std::string(1, '\0'));
  EXPECT_EQ(contacts->contacts[1].uri.user, std::string(2, '\0'));
  EXPECT_EQ(m.content_length(), 0u);  // "L:0"
}

TEST(SipRfc4475, Esc02EscapedMethodIsNotRegister) {
  const Message m = valid_request("esc02");
  EXPECT_EQ(m.method(), Method::Extension);
  EXPECT_EQ(m.method_name(), "RE%47IST%45R");
  EXPECT_EQ(m.to()->display_name, "%Z%45");
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  ASSERT_EQ(contacts->contacts.size(), 2u);  // "C%6Fntact" is another header
  EXPECT_EQ(contacts->contacts[1].uri.host, "host3.example.com");
  EXPECT_EQ(m.header("C%6Fntact"), "<sip:alias2@host2.example.com>");
}

TEST(SipRfc4475, LwsdispNoSpaceBeforeAngle) {
  const Message m = valid_request("lwsdisp");
  EXPECT_EQ(m.from()->display_name, "caller");
  EXPECT_EQ(m.from()->uri.user, "caller");
  EXPECT_EQ(m.from()->tag(), "323");
}

TEST(SipRfc4475, LongreqLongValuesAndManyVias) {
  const Message m = valid_request("longreq");
  EXPECT_EQ(m.vias().size(), 34u);
  EXPECT_EQ(m.vias().front().host, "sip33.example.com");
  EXPECT_EQ(m.vias().back().received(), "192.0.2.5");
  EXPECT_EQ(m.to()->uri.port, 6000);
  EXPECT_EQ(m.to()->uri.param_value(
                "longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"),
            "shortvalue");
  EXPECT_EQ(m.from()->params.size(), 3u);
  EXPECT_TRUE(m.from()->tag()->starts_with("1298298298"));
  EXPECT_EQ(m.body().size(), 150u);
}

TEST(SipRfc4475, DblreqSecondMessageIsNotPartOfTheFirst) {
  const std::string wire = rfc4475("dblreq");
  const ParseResult r = parse_message(wire);
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.method(), Method::Register);
  EXPECT_TRUE(r.msg.body().empty());
  EXPECT_EQ(r.consumed, 300u);
  // On a stream both are framed: the REGISTER, then (after a bare CRLF) the INVITE.
  const Frame first = find_frame(wire);
  ASSERT_EQ(first.status, FrameStatus::Complete);
  EXPECT_EQ(first.consumed(), 300u);
  const Frame second = find_frame(std::string_view(wire).substr(first.consumed()));
  ASSERT_EQ(second.status, FrameStatus::Complete);
  EXPECT_EQ(second.skip, 2u);
  const ParseResult invite = parse_message(std::string_view(wire).substr(first.consumed() + 2, second.length));
  ASSERT_TRUE(invite.ok()) << invite.reason;
  EXPECT_EQ(invite.msg.method(), Method::Invite);
  EXPECT_EQ(invite.msg.body().size(), 150u);
}

TEST(SipRfc4475, SemiuriUserHoldsSemicolon) {
  const Message m = valid_request("semiuri");
  EXPECT_EQ(m.request_uri().user, "user;par=u@example.net");
  EXPECT_EQ(m.request_uri().host, "example.com");
  EXPECT_TRUE(m.request_uri().params.empty());
  const auto accept = m.accept();
  ASSERT_TRUE(accept.ok());
  ASSERT_EQ(accept->size(), 6u);
  EXPECT_TRUE((*accept)[5].is("message", "sipfrag"));
}

TEST(SipRfc4475, TransportsUnknownTransportIsKept) {
  const Message m = valid_request("transports");
  ASSERT_EQ(m.vias().size(), 5u);
  EXPECT_EQ(m.vias()[0].transport, "UDP");
  EXPECT_EQ(m.vias()[1].transport, "SCTP");
  EXPECT_EQ(m.vias()[2].transport, "TLS");
  EXPECT_EQ(m.vias()[3].transport, "UNKNOWN");
  EXPECT_EQ(m.vias()[4].transport, "TCP");
  EXPECT_EQ(m.call_id(), "transports.kijh4akdnaqjkwendsasfdj");
}

TEST(SipRfc4475, Mpart01BinaryMultipart) {
  const Message m = valid_request("mpart01");
  EXPECT_EQ(m.method(), Method::Message);
  const auto ct = m.content_type();
  ASSERT_TRUE(ct.ok() && ct->has_value());
  EXPECT_TRUE((*ct)->is("multipart", "mixed"));
  ASSERT_EQ((*ct)->boundary(), "7a9cbec02ceef655");
  const auto parts = parse_multipart(m.body(), *(*ct)->boundary());
  ASSERT_TRUE(parts.ok()) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_TRUE((*parts)[0].content_type->is("text", "plain"));
  EXPECT_EQ((*parts)[0].content, "Hello");
  EXPECT_TRUE((*parts)[1].content_type->is("application", "octet-stream"));
  const std::string_view der = (*parts)[1].content;
  ASSERT_GE(der.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(der[0]), 0x30);  // a DER SEQUENCE (PKCS#7)
  EXPECT_NE(der.find('\0'), std::string_view::npos);
  EXPECT_TRUE(m.date()->has_value());
  const auto identity = m.identity();
  ASSERT_TRUE(identity.ok()) << identity.error();
  EXPECT_EQ((*identity)->form, IdentityForm::Bare);
  EXPECT_TRUE((*identity)->signature.starts_with("r5mwreLuyDRYBi/0TiPwEsY3rEVsk"));
  EXPECT_TRUE(m.top_via()->has_rport());
  EXPECT_FALSE(m.top_via()->rport().has_value());
}

TEST(SipRfc4475, UnreasonUtf8ReasonPhrase) {
  const ParseResult r = parse_file("unreason");
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_TRUE(r.msg.is_response());
  EXPECT_EQ(r.msg.status(), 200);
  EXPECT_TRUE(r.msg.reason().starts_with("= 2**3 * 5**2 "));
  EXPECT_EQ(r.msg.body().size(), 154u);
}

TEST(SipRfc4475, NoreasonEmptyReasonPhrase) {
  const ParseResult r = parse_file("noreason");
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.msg.status(), 100);
  EXPECT_EQ(r.msg.reason(), "");
  EXPECT_EQ(r.msg.to()->tag(), "902jndnke3");
}

// ---- 3.1.2 invalid messages --------------------------------------------------

TEST(SipRfc4475, Badinv01ExtraneousSeparators) {
  expect_parse_error("badinv01", ParseErrorKind::Malformed, "Malformed Via header");
}

TEST(SipRfc4475, ClerrContentLengthTooLarge) {
  expect_parse_error("clerr", ParseErrorKind::Malformed, "Content-Length larger than message body");
  // On a stream it simply waits for the rest of the 9999 bytes.
  EXPECT_EQ(find_frame(rfc4475("clerr"), 64 * 1024).status, FrameStatus::NeedMore);
}

TEST(SipRfc4475, NclNegativeContentLengthClosesTheStream) {
  expect_parse_error("ncl", ParseErrorKind::Unframeable, "Bad Content-Length");
  const Frame f = find_frame(rfc4475("ncl"));
  EXPECT_EQ(f.status, FrameStatus::Unframeable);
  EXPECT_EQ(f.reason, "Bad Content-Length");
}

TEST(SipRfc4475, Scalar02OverlargeCSeq) {
  expect_parse_error("scalar02", ParseErrorKind::Malformed, "Malformed CSeq header");
  // The 400 can still echo the request's headers, the bad CSeq included.
  const ParseResult r = parse_file("scalar02");
  const ParseResult resp = parse_message(make_response(r.msg, 400, r.reason).build());
  EXPECT_EQ(resp.kind, ParseErrorKind::Malformed);  // the echoed CSeq is still too large
  EXPECT_EQ(r.msg.header(HeaderId::CSeq), "36893488147419103232 REGISTER");
  EXPECT_EQ(r.msg.call_id(), "scalar02.23o0pd9vanlq3wnrlnewofjas9ui32");
  // The other overlarge values are caught too.
  EXPECT_FALSE(parse_max_forwards("300").ok());
  EXPECT_FALSE(parse_delta_seconds("10000000000000000000000000000000000000000").ok());
}

TEST(SipRfc4475, ScalarlgOverlargeResponseIsDropped) {
  const ParseResult r = parse_file("scalarlg");
  EXPECT_EQ(r.kind, ParseErrorKind::Malformed);
  EXPECT_EQ(r.reason, "Malformed CSeq header");
  EXPECT_FALSE(parse_retry_after("949302838503028349304023988").ok());
  EXPECT_FALSE(parse_warning("1812 overture \"In Progress\"").ok());
}

TEST(SipRfc4475, QuotbalUnterminatedQuote) {
  expect_parse_error("quotbal", ParseErrorKind::Malformed, "Malformed To header");
}

TEST(SipRfc4475, LtgtruriAngleBracketsInRequestUri) {
  expect_parse_error("ltgtruri", ParseErrorKind::Malformed, "Request-URI malformed");
}

TEST(SipRfc4475, LwsruriWhitespaceInRequestUri) {
  expect_parse_error("lwsruri", ParseErrorKind::Malformed, "Request-URI malformed");
}

TEST(SipRfc4475, LwsstartMultipleSpaces) {
  expect_parse_error("lwsstart", ParseErrorKind::Malformed, "Malformed Request-Line");
}

TEST(SipRfc4475, TrwsTrailingSpaces) {
  expect_parse_error("trws", ParseErrorKind::Malformed, "Malformed Request-Line");
}

TEST(SipRfc4475, EscruriHeadersInRequestUri) {
  expect_parse_error("escruri", ParseErrorKind::Malformed, "Request-URI must not contain headers");
}

TEST(SipRfc4475, BaddateNonGmtZone) { expect_check_error("baddate", "Malformed Date header"); }

TEST(SipRfc4475, RegbadctUnbracketedUriWithHeaders) {
  expect_check_error("regbadct", "Malformed Contact header");
}

TEST(SipRfc4475, BadaspecSpacesInsideAngleBrackets) {
  expect_parse_error("badaspec", ParseErrorKind::Malformed, "Malformed To header");
}

TEST(SipRfc4475, BaddnUnquotedDisplayNameWithComma) {
  // From comes before To in the checks.
  expect_parse_error("baddn", ParseErrorKind::Malformed, "Malformed From header");
  // The file has no empty line after the headers: a stream keeps waiting.
  EXPECT_EQ(find_frame(rfc4475("baddn")).status, FrameStatus::NeedMore);
}

TEST(SipRfc4475, BadversAnswers505) {
  const ParseResult r = parse_file("badvers");
  EXPECT_EQ(r.kind, ParseErrorKind::UnsupportedVersion);
  EXPECT_EQ(r.reason, "Unsupported SIP version");
  EXPECT_EQ(r.response_status(), 505);
  // The headers are still there for the 505 itself.
  EXPECT_EQ(r.msg.method(), Method::Options);
  EXPECT_EQ(r.msg.call_id(), "badvers.31417@c.example.com");
  const ParseResult resp = parse_message(make_response(r.msg, 505).build());
  ASSERT_TRUE(resp.ok()) << resp.reason;
  EXPECT_EQ(resp.msg.reason(), "Version Not Supported");
  EXPECT_EQ(resp.msg.cseq()->method, Method::Options);
  EXPECT_EQ(resp.msg.from()->tag(), "qweoiqpe");
}

TEST(SipRfc4475, Mismatch01CSeqMethod) {
  expect_check_error("mismatch01", "CSeq method does not match request method");
}

TEST(SipRfc4475, Mismatch02UnknownMethodGets501First) {
  const ParseResult r = parse_file("mismatch02");
  ASSERT_TRUE(r.ok()) << r.reason;
  // The method is unknown, so the server answers 501 before any other check.
  EXPECT_EQ(r.msg.method(), Method::Extension);
  EXPECT_EQ(r.msg.method_name(), "NEWMETHOD");
  EXPECT_FALSE(validate_request(r.msg).ok);
}

TEST(SipRfc4475, BigcodeOverlargeStatusIsDropped) {
  const ParseResult r = parse_file("bigcode");
  EXPECT_EQ(r.kind, ParseErrorKind::Malformed);
  EXPECT_EQ(r.reason, "Malformed Status-Line");
}

TEST(SipRfc4475, BadbranchMagicCookieOnly) { expect_check_error("badbranch", "Malformed Via branch"); }

// ---- 3.3 application-layer semantics ------------------------------------------

TEST(SipRfc4475, InsufMissingMandatoryHeaders) {
  expect_check_error("insuf", "Missing To header");
  const ParseResult r = parse_file("insuf");
  EXPECT_FALSE(r.msg.call_id().has_value());
  EXPECT_EQ(r.msg.from(), nullptr);
  EXPECT_FALSE(r.msg.max_forwards().has_value());
}

TEST(SipRfc4475, UnkscmUnknownSchemeFor416) {
  const Message m = valid_request("unkscm");
  EXPECT_EQ(m.request_uri().scheme, UriScheme::Other);
  EXPECT_EQ(m.request_uri().scheme_name, "nobodyKnowsThisScheme");
  EXPECT_EQ(m.request_uri().opaque, "totallyopaquecontent");
}

TEST(SipRfc4475, NovelscNovelSchemeFor416) {
  const Message m = valid_request("novelsc");
  EXPECT_EQ(m.request_uri().scheme, UriScheme::Other);
  EXPECT_EQ(m.request_uri().scheme_name, "soap.beep");
}

TEST(SipRfc4475, Unksm2UnknownSchemesInHeaders) {
  const Message m = valid_request("unksm2");
  EXPECT_EQ(m.to()->uri.scheme_name, "isbn");
  EXPECT_EQ(m.to()->uri.opaque, "2983792873");
  EXPECT_EQ(m.from()->uri.scheme_name, "http");
  EXPECT_EQ(m.from()->tag(), "3234233");
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts->contacts.at(0).uri.scheme_name, "name");
}

TEST(SipRfc4475, Bext01UnknownRequireFor420) {
  const Message m = valid_request("bext01");
  EXPECT_EQ(m.require().value(),
            (std::vector<std::string>{"nothingSupportsThis", "nothingSupportsThisEither"}));
  EXPECT_EQ(m.proxy_require().value(),
            (std::vector<std::string>{"noProxiesSupportThis", "norDoAnyProxiesSupportThis"}));
}

TEST(SipRfc4475, InvutUnknownContentTypeFor415) {
  const Message m = valid_request("invut");
  EXPECT_TRUE(m.content_type()->value().is("application", "unknownformat"));
  EXPECT_EQ(m.body().size(), 40u);
}

TEST(SipRfc4475, Regaut01UnknownAuthScheme) {
  const Message m = valid_request("regaut01");
  const auto auth = m.authorization();
  ASSERT_TRUE(auth.ok());
  ASSERT_EQ(auth->size(), 1u);
  EXPECT_EQ((*auth)[0].scheme, "NoOneKnowsThisScheme");
  EXPECT_FALSE((*auth)[0].is_digest());
  EXPECT_EQ((*auth)[0].params.value("opaque-data"), "here");
  EXPECT_EQ(m.content_length(), 0u);
}

TEST(SipRfc4475, Multi01DuplicateSingleHeaders) {
  expect_parse_error("multi01", ParseErrorKind::Malformed, "Duplicate Call-ID header");
}

TEST(SipRfc4475, Mcl01DuplicateContentLength) {
  expect_parse_error("mcl01", ParseErrorKind::Unframeable, "Duplicate Content-Length");
  const Frame f = find_frame(rfc4475("mcl01"));
  EXPECT_EQ(f.status, FrameStatus::Unframeable);
  EXPECT_EQ(f.reason, "Duplicate Content-Length");
}

TEST(SipRfc4475, BcastBroadcastViaInResponse) {
  const ParseResult r = parse_file("bcast");
  ASSERT_TRUE(r.ok()) << r.reason;
  ASSERT_EQ(r.msg.vias().size(), 2u);
  EXPECT_EQ(r.msg.vias()[1].host, "255.255.255.255");
}

TEST(SipRfc4475, ZeromfZeroMaxForwards) {
  const Message m = valid_request("zeromf");
  EXPECT_EQ(m.max_forwards(), 0u);
}

TEST(SipRfc4475, Cparam01ParamBelongsToContactHeader) {
  const Message m = valid_request("cparam01");
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  const NameAddr& c = contacts->contacts.at(0);
  EXPECT_FALSE(c.bracketed);
  EXPECT_TRUE(c.uri.params.empty());
  EXPECT_TRUE(c.params.has("unknownparam"));
  EXPECT_EQ(c.uri.user, "+19725552222");
}

TEST(SipRfc4475, Cparam02ParamBelongsToUri) {
  const Message m = valid_request("cparam02");
  const auto contacts = m.contacts();
  ASSERT_TRUE(contacts.ok());
  const NameAddr& c = contacts->contacts.at(0);
  EXPECT_TRUE(c.bracketed);
  EXPECT_TRUE(c.uri.has_param("unknownparam"));
  EXPECT_TRUE(c.params.empty());
}

TEST(SipRfc4475, RegescrtEscapedHeaderInContact) {
  const Message m = valid_request("regescrt");
  const auto contacts = m.contacts();  // compact "M"
  ASSERT_TRUE(contacts.ok());
  const Uri& u = contacts->contacts.at(0).uri;
  ASSERT_EQ(u.headers.size(), 1u);
  EXPECT_EQ(u.headers[0].name, "Route");
  EXPECT_EQ(u.headers[0].value, "<sip:sip.example.com>");
}

TEST(SipRfc4475, Sdp01UnknownAcceptFor415) {
  const Message m = valid_request("sdp01");
  const auto accept = m.accept();
  ASSERT_TRUE(accept.ok());
  ASSERT_EQ(accept->size(), 1u);
  EXPECT_TRUE((*accept)[0].is("text", "nobodyknowsthis"));
}

// ---- 3.4 backward compatibility ----------------------------------------------

TEST(SipRfc4475, Inv2543NoBranchNoMaxForwards) {
  const ParseResult r = parse_file("inv2543");
  ASSERT_TRUE(r.ok()) << r.reason;
  EXPECT_FALSE(r.msg.top_via()->branch().has_value());
  EXPECT_FALSE(r.msg.content_length().has_value());
  EXPECT_EQ(r.msg.body().size(), 105u);  // datagram rule: the rest of the buffer
  const RequestCheck c = validate_request(r.msg);
  EXPECT_TRUE(c.ok) << c.reason;
  EXPECT_TRUE(c.missing_max_forwards);
  // From is bracketed, so user=phone is a URI parameter; To is an addr-spec,
  // so the same text is a header parameter (RFC 3261 §20.10).
  EXPECT_EQ(r.msg.from()->uri.user_param(), "phone");
  EXPECT_FALSE(r.msg.to()->uri.user_param().has_value());
  EXPECT_EQ(r.msg.to()->params.value("user"), "phone");
  // On a stream a message without Content-Length cannot be framed.
  EXPECT_EQ(find_frame(rfc4475("inv2543")).status, FrameStatus::Unframeable);
}

}  // namespace
}  // namespace credsvc::sip
