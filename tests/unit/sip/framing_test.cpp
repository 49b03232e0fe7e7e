#include <gtest/gtest.h>

#include <string>

#include "sip/framing.hpp"
#include "sip/parser.hpp"

namespace credsvc::sip {
namespace {

std::string message(std::string_view body, std::string_view length_header = "Content-Length") {
  return "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com;branch=z9hG4bKf\r\n" +
         std::string(length_header) + ": " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

TEST(SipFraming, CompleteMessage) {
  const std::string m = message("hello");
  const Frame f = find_frame(m);
  EXPECT_EQ(f.status, FrameStatus::Complete);
  EXPECT_EQ(f.skip, 0u);
  EXPECT_EQ(f.length, m.size());
  EXPECT_EQ(f.consumed(), m.size());
}

TEST(SipFraming, ByteByByteNeedsMoreUntilTheLastByte) {
  const std::string m = message(std::string("a\r\n\r\nb\0c", 8), "l");
  for (std::size_t n = 0; n < m.size(); ++n) {
    EXPECT_EQ(find_frame(std::string_view(m).substr(0, n)).status, FrameStatus::NeedMore) << n;
  }
  const Frame f = find_frame(m);
  ASSERT_EQ(f.status, FrameStatus::Complete);
  EXPECT_EQ(f.length, m.size());
}

TEST(SipFraming, KeepAliveAndStrayCrlf) {
  EXPECT_EQ(find_frame("").status, FrameStatus::NeedMore);
  EXPECT_EQ(find_frame("\r").status, FrameStatus::NeedMore);
  EXPECT_EQ(find_frame("\r\n").status, FrameStatus::NeedMore);  // may be half a ping
  EXPECT_EQ(find_frame("\r\n\r").status, FrameStatus::NeedMore);
  const Frame ping = find_frame("\r\n\r\n");
  EXPECT_EQ(ping.status, FrameStatus::KeepAlive);  // RFC 5626 §4.4.1: answer CRLF
  EXPECT_EQ(ping.consumed(), 4u);
  const Frame ping2 = find_frame("\r\n\r\nOPTIONS");
  EXPECT_EQ(ping2.status, FrameStatus::KeepAlive);
  EXPECT_EQ(ping2.consumed(), 4u);
  // A bare CRLF before a message is skipped (RFC 3261 §7.5).
  const std::string m = message("");
  const Frame f = find_frame("\r\n" + m);
  ASSERT_EQ(f.status, FrameStatus::Complete);
  EXPECT_EQ(f.skip, 2u);
  EXPECT_EQ(f.length, m.size());
  const Frame partial = find_frame("\r\nOPTI");
  EXPECT_EQ(partial.status, FrameStatus::NeedMore);
  EXPECT_EQ(partial.skip, 2u);
}

TEST(SipFraming, PipelinedMessages) {
  const std::string a = message("first");
  const std::string b = message("second-body", "l");
  const std::string c = message("");
  const std::string stream = a + b + "\r\n\r\n" + c;
  std::string_view rest = stream;
  std::vector<std::string> bodies;
  int pings = 0;
  while (!rest.empty()) {
    const Frame f = find_frame(rest);
    ASSERT_NE(f.status, FrameStatus::Unframeable) << f.reason;
    ASSERT_NE(f.status, FrameStatus::NeedMore);
    if (f.status == FrameStatus::KeepAlive) {
      ++pings;
    } else {
      const ParseResult r = parse_message(rest.substr(f.skip, f.length));
      ASSERT_TRUE(r.ok()) << r.reason;
      bodies.emplace_back(r.msg.body());
    }
    rest.remove_prefix(f.consumed());
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"first", "second-body", ""}));
  EXPECT_EQ(pings, 1);
}

TEST(SipFraming, BadContentLengthIsUnframeable) {
  const std::string head = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h.example.com\r\n";
  struct Case {
    std::string headers;
    std::string_view reason;
  };
  const Case cases[] = {
      {"Content-Length: -1\r\n", "Bad Content-Length"},
      {"Content-Length: abc\r\n", "Bad Content-Length"},
      {"Content-Length: \r\n", "Bad Content-Length"},
      {"Content-Length: 1 2\r\n", "Bad Content-Length"},
      {"l: 0\r\nContent-Length: 0\r\n", "Duplicate Content-Length"},
      {"X-Other: 1\r\n", "Missing Content-Length"},
      {"Content-Length: 99999999999999999999999\r\n", "Message too large"},
      {"Content-Length: 70000\r\n", "Message too large"},
  };
  for (const Case& c : cases) {
    const Frame f = find_frame(head + c.headers + "\r\n");
    EXPECT_EQ(f.status, FrameStatus::Unframeable) << c.headers;
    EXPECT_EQ(f.reason, c.reason) << c.headers;
  }
  // Folded, spaced and compact forms are all read.
  const Frame folded = find_frame(head + "content-length  :\r\n 3\r\n\r\nabc");
  EXPECT_EQ(folded.status, FrameStatus::Complete);
}

TEST(SipFraming, MaximumSize) {
  const std::string big = message(std::string(1000, 'x'));
  EXPECT_EQ(find_frame(big, big.size()).status, FrameStatus::Complete);
  const Frame f = find_frame(big, big.size() - 1);
  EXPECT_EQ(f.status, FrameStatus::Unframeable);
  EXPECT_EQ(f.reason, "Message too large");
  // Headers that never end are cut off at the limit too.
  const std::string endless = "OPTIONS sip:a@example.com SIP/2.0\r\n" + std::string(200, 'X');
  EXPECT_EQ(find_frame(endless, 100).status, FrameStatus::Unframeable);
  EXPECT_EQ(find_frame(endless, 1000).status, FrameStatus::NeedMore);
}

}  // namespace
}  // namespace credsvc::sip
