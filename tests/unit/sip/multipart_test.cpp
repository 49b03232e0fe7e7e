#include <gtest/gtest.h>

#include <string>

#include "sip/multipart.hpp"

namespace credsvc::sip {
namespace {

using namespace std::string_literals;

TEST(SipMultipart, BinaryPartsRoundTrip) {
  const std::string der = "\x30\x82\x01\x0a\0\0\r\n\r\n--\r\n--credsvc-\xff"s;
  const std::string key = "\x30\x81\0\r\n--not-the-boundary\r\n\0"s;
  const BuiltMultipart built = build_multipart({
      {"application/pkix-cert", "", {}, der},
      {"application/pkcs8", "signal;handling=required", {{"Content-Transfer-Encoding", "binary"}}, key},
  });
  EXPECT_TRUE(built.content_type.starts_with("multipart/mixed;boundary="));
  EXPECT_EQ(der.find(built.boundary), std::string::npos);
  const auto parts = parse_multipart(built.body, built.boundary);
  ASSERT_TRUE(parts.ok()) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].content, der);
  EXPECT_TRUE((*parts)[0].content_type->is("application", "pkix-cert"));
  EXPECT_FALSE((*parts)[0].disposition.has_value());
  EXPECT_EQ((*parts)[1].content, key);
  EXPECT_EQ((*parts)[1].disposition->type, "signal");
  EXPECT_EQ((*parts)[1].disposition->handling(), "required");
  EXPECT_EQ((*parts)[1].headers.size(), 3u);
}

TEST(SipMultipart, BoundaryAvoidsPartContent) {
  // Make the first choice of boundary appear in the content: the builder must pick another.
  const BuiltMultipart first = build_multipart({{"text/plain", "", {}, "x"}});
  const std::string tricky = "x" + first.boundary;
  const BuiltMultipart second = build_multipart({{"text/plain", "", {}, tricky}});
  EXPECT_EQ(tricky.find(second.boundary), std::string::npos);
  const auto parts = parse_multipart(second.body, second.boundary);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->at(0).content, tricky);
}

TEST(SipMultipart, PreambleEpilogueAndBoundaryLookalikes) {
  const std::string body =
      "This is the preamble.\r\n"
      "--simple boundary\r\n"
      "\r\n"
      "no headers; --simple boundaryX is not a delimiter\r\n--simple boundaryX\r\nstill content\r\n"
      "--simple boundary  \t\r\n"
      "Content-type: text/plain; charset=us-ascii\r\n"
      "\r\n"
      "second\r\n"
      "--simple boundary--\r\n"
      "epilogue --simple boundary\r\n";
  const auto parts = parse_multipart(body, "simple boundary");
  ASSERT_TRUE(parts.ok()) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].content,
            "no headers; --simple boundaryX is not a delimiter\r\n--simple boundaryX\r\nstill content");
  EXPECT_FALSE((*parts)[0].content_type.has_value());
  EXPECT_EQ((*parts)[1].content, "second");
  EXPECT_EQ((*parts)[1].content_type->params.value("charset"), "us-ascii");
}

TEST(SipMultipart, Rejections) {
  auto err = [](const std::string& body, std::string_view boundary) {
    const auto r = parse_multipart(body, boundary);
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? std::string() : r.error();
  };
  EXPECT_EQ(err("--b\r\n\r\nx\r\n--b--", ""), "multipart: invalid boundary");
  EXPECT_EQ(err("--b\r\n\r\nx\r\n--b--", "bad\x01"), "multipart: invalid boundary");
  EXPECT_EQ(err("no delimiter here", "b"), "multipart: boundary not found");
  EXPECT_EQ(err("--b--\r\n", "b"), "multipart: no body parts");
  EXPECT_EQ(err("--b\r\n\r\nunterminated", "b"), "multipart: missing closing boundary");
  EXPECT_EQ(err("--b\r\nContent-Type: text/plain\r\nno blank line\r\n--b--", "b"),
            "multipart: part 1 has no empty line after its headers");
  EXPECT_EQ(err("--b\r\nContent-Type: text\r\n\r\nx\r\n--b--", "b"), "multipart: part 1 has a malformed Content-Type");
  EXPECT_EQ(err("--b\r\n\r\nok\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\nQQ==\r\n--b--", "b"),
            "multipart: part 2 uses Content-Transfer-Encoding base64 (only binary is supported)");
  EXPECT_EQ(err("--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx\r\n--b--", "b"),
            "multipart: part 1 uses Content-Transfer-Encoding quoted-printable (only binary is supported)");
  EXPECT_EQ(err("--b\r\nno colon\r\n\r\nx\r\n--b--", "b"), "multipart: part 1 has a malformed header line");
  EXPECT_EQ(err("--b\r\nContent-Type: a/b\r\nContent-Type: a/c\r\n\r\nx\r\n--b--", "b"),
            "multipart: part 1 has two Content-Type headers");
}

TEST(SipMultipart, BuilderRejectsHeaderInjection) {
  EXPECT_THROW(build_multipart({{"text/plain\r\nX: y", "", {}, "x"}}), std::invalid_argument);
  EXPECT_THROW(build_multipart({{"text/plain", "", {{"Bad Name", "v"}}, "x"}}), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::sip
