// The strict JSON parser, the canonical JSON writer (RFC 8225 §9) and the
// base64/base64url codecs.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "identity/base64.hpp"
#include "identity/canonical_json.hpp"
#include "identity/json_parser.hpp"
#include "identity/telephone_number.hpp"

namespace credsvc::identity {
namespace {

std::span<const std::uint8_t> span_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string canonical_of(std::string_view json) {
  const auto v = parse_json(json);
  if (!v) return "ERROR: " + v.error();
  return canonical_json(*v);
}

TEST(IdentityJson, CanonicalFormSortsKeysAndDropsWhitespace) {
  EXPECT_EQ(canonical_of(R"( { "x5u" : "https://a/b" , "alg":"ES256", "typ":"passport","ppt":"shaken" } )"),
            R"({"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"https://a/b"})");
  // Nested objects are sorted too; arrays keep their order.
  EXPECT_EQ(canonical_of(R"({"b":{"z":1,"a":[3,1,2]},"a":[{"y":true,"x":null}]})"),
            R"({"a":[{"x":null,"y":true}],"b":{"a":[3,1,2],"z":1}})");
  // Byte order of UTF-8: upper case before lower case, ASCII before others.
  EXPECT_EQ(canonical_of(R"({"é":1,"a":2,"B":3,"_":4})"), R"({"B":3,"_":4,"a":2,"é":1})");
}

TEST(IdentityJson, CanonicalStringEscaping) {
  EXPECT_EQ(canonical_of(R"(["a\"b\\c\/d\n\t\u0001\u00e9\ud83d\ude00"])"),
            "[\"a\\\"b\\\\c/d\\n\\t\\u0001\xc3\xa9\xf0\x9f\x98\x80\"]");
  std::string out;
  append_json_string(out, std::string("\b\f\r\x1f\x7f", 5));
  EXPECT_EQ(out, "\"\\b\\f\\r\\u001f\x7f\"");
}

TEST(IdentityJson, NumbersKeepIntegerValues) {
  const auto v = parse_json("[0,-1,1443208345,9223372036854775807,-9223372036854775808,9223372036854775808,1.5,1e3]");
  ASSERT_TRUE(v.ok()) << v.error();
  const auto& a = *v->as_array();
  EXPECT_EQ(a[0].as_number()->integer, 0);
  EXPECT_EQ(a[1].as_number()->integer, -1);
  EXPECT_EQ(a[2].as_number()->integer, 1443208345);
  EXPECT_EQ(a[3].as_number()->integer, INT64_MAX);
  EXPECT_EQ(a[4].as_number()->integer, INT64_MIN);
  EXPECT_FALSE(a[5].as_number()->integer.has_value());
  EXPECT_EQ(a[5].as_number()->text, "9223372036854775808");
  EXPECT_FALSE(a[6].as_number()->integer.has_value());
  EXPECT_FALSE(a[7].as_number()->integer.has_value());
}

TEST(IdentityJson, RejectsWhatRfc8259Forbids) {
  const char* bad[] = {
      "",           "{",           "{\"a\":1,}",     "[1,]",        "{\"a\" 1}",     "{a:1}",
      "01",         "-",           "1.",             ".5",          "1e",            "+1",
      "tru",        "nul",         "\"abc",          "\"\\x\"",     "\"\\u12\"",     "\"\\ud800\"",
      "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\x01\"", "\"\xff\"",     "\"\xc0\x80\"",  "\"\xed\xa0\x80\"",
      "\"\xf4\x90\x80\x80\"", "{} {}", "[1] x", "'a'", "NaN", "[\"\xe2\x82\"]",
  };
  for (const char* text : bad) {
    EXPECT_FALSE(parse_json(text).ok()) << "accepted: " << text;
  }
}

TEST(IdentityJson, RejectsDuplicateKeysWithPosition) {
  const auto v = parse_json(R"({"iat":1,"iat":2})");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error(), "duplicate key \"iat\" at 9");
}

TEST(IdentityJson, NestingLimit) {
  std::string deep(16, '[');
  deep += std::string(16, ']');
  EXPECT_TRUE(parse_json(deep).ok());
  std::string deeper(17, '[');
  deeper += std::string(17, ']');
  const auto v = parse_json(deeper);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().find("nesting too deep"), std::string::npos);
  // A very deep input fails cleanly instead of exhausting the stack.
  EXPECT_FALSE(parse_json(std::string(100000, '[')).ok());
}

TEST(IdentityBase64, RoundTripsEveryLength) {
  std::string data;
  for (int n = 0; n < 20; ++n) {
    const std::string enc = base64_encode(span_of(data));
    EXPECT_EQ(enc.size() % 4, 0u);
    EXPECT_EQ(base64_decode(enc), data);
    const std::string url = base64url_encode(data);
    EXPECT_EQ(url.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(url), data);
    data.push_back(static_cast<char>(0xF0 + n));
  }
  EXPECT_EQ(base64_encode(span_of("foobar")), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(span_of("fo")), "Zm8=");
  EXPECT_EQ(base64url_encode(std::string("\xfb\xff", 2)), "-_8");
}

TEST(IdentityBase64, StrictDecoding) {
  EXPECT_EQ(base64_decode("Zm8"), "fo");  // padding is optional
  EXPECT_FALSE(base64_decode("Zm9=").has_value());   // non-zero trailing bits
  EXPECT_FALSE(base64_decode("Zm===").has_value());
  EXPECT_FALSE(base64_decode("Z===").has_value());
  EXPECT_FALSE(base64_decode("Zm=8").has_value());
  EXPECT_FALSE(base64_decode("Zm 8=").has_value());
  EXPECT_FALSE(base64_decode("Zm8-").has_value());  // base64url alphabet
  EXPECT_FALSE(base64_decode("A").has_value());
  EXPECT_FALSE(base64url_decode("Zm8=").has_value());  // no padding in JWS
  EXPECT_FALSE(base64url_decode("Zm+v").has_value());
  EXPECT_FALSE(base64url_decode("Zm9").has_value());   // non-zero trailing bits
  EXPECT_EQ(base64url_decode(""), "");
}

TEST(PassportTelephoneNumber, Canonicalisation) {
  EXPECT_EQ(canonical_tn("+1 (202) 555-1212"), "12025551212");
  EXPECT_EQ(canonical_tn("1.202.555.1212"), "12025551212");
  EXPECT_EQ(canonical_tn("123456789012345"), "123456789012345");
  EXPECT_FALSE(canonical_tn("1234567890123456").has_value());
  EXPECT_FALSE(canonical_tn("12a").has_value());
  EXPECT_FALSE(canonical_tn("++1").has_value());
  EXPECT_FALSE(canonical_tn("").has_value());
  EXPECT_FALSE(canonical_tn("+").has_value());
  const auto tel = sip::parse_uri("tel:+1-202-555-1212;ext=4");
  ASSERT_TRUE(tel.ok());
  EXPECT_EQ(telephone_number_of(*tel), "12025551212");
  const auto sip_phone = sip::parse_uri("sip:+12025551212;npdi@example.com;user=phone");
  ASSERT_TRUE(sip_phone.ok());
  EXPECT_EQ(telephone_number_of(*sip_phone), "12025551212");
  const auto name = sip::parse_uri("sip:alice@example.com");
  ASSERT_TRUE(name.ok());
  EXPECT_FALSE(telephone_number_of(*name).has_value());
}

}  // namespace
}  // namespace credsvc::identity
