#include <gtest/gtest.h>

#include "cli/sip_service.hpp"
#include "sip/parser.hpp"
#include "uas/raw_response.hpp"

namespace credsvc::uas {
namespace {

TEST(RawResponse, CopiesTheHeadersAResponseNeedsVerbatimIncludingCompactAndFolded) {
  const std::string raw =
      "OPTIONS sip:x@example.test SIP/2.0\r\n"
      "v: SIP/2.0/TLS a.example;branch=z9hG4bK1\r\n"
      "Via: SIP/2.0/TLS b.example\r\n ;branch=z9hG4bK2\r\n"
      "f: Bell, Alexander <sip:a@example.test>;tag=43\r\n"
      "t: <sip:x@example.test>\r\n"
      "i: abc\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "X-Other: dropped\r\n"
      "l: 0\r\n\r\n";
  const auto r = response_to_raw_request(raw, 400, "Malformed From header");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r,
            "SIP/2.0 400 Malformed From header\r\n"
            "Via: SIP/2.0/TLS a.example;branch=z9hG4bK1\r\n"
            "Via: SIP/2.0/TLS b.example ;branch=z9hG4bK2\r\n"
            "From: Bell, Alexander <sip:a@example.test>;tag=43\r\n"
            "To: <sip:x@example.test>\r\n"
            "Call-ID: abc\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "Content-Length: 0\r\n\r\n");
}

TEST(RawResponse, ResponsesAndViaLessRequestsAreNotAnswered) {
  EXPECT_FALSE(response_to_raw_request("SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS a\r\n\r\n", 400, "x"));
  EXPECT_FALSE(response_to_raw_request("OPTIONS sip:x SIP/2.0\r\nTo: <sip:x>\r\n\r\n", 400, "x"));
  EXPECT_FALSE(response_to_raw_request("garbage", 400, "x"));
  EXPECT_FALSE(response_to_raw_request("", 400, "x"));
}

TEST(ListenAddress, ParsesV4V6AndRejectsGarbageByName) {
  EXPECT_EQ(cli::parse_listen_address("127.0.0.1:5061").port(), 5061);
  EXPECT_TRUE(cli::parse_listen_address("[::1]:0").address().is_v6());
  EXPECT_EQ(cli::parse_listen_address(":5061").address().to_string(), "0.0.0.0");
  for (const char* bad : {"localhost:5061", "127.0.0.1", "127.0.0.1:99999", "[::1]5061", "1.2.3.4:x"}) {
    try {
      cli::parse_listen_address(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace credsvc::uas
