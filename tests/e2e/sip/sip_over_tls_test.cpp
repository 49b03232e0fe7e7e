// The real server over real TLS: RFC 4475 torture messages, keep-alive, SNI,
// retransmissions and OPTIONS.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "server_process.hpp"
#include "tls_client.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string status_line(const std::string& msg) { return msg.substr(0, msg.find("\r\n")); }

// Two hosted domains; clients without SNI get example.org.
class SipOverTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--domain", "example.test", "--domain", "example.org", "--default-domain", "example.org"});
  }
  static void TearDownTestSuite() { server_.reset(); }

  static TlsClient connect(std::optional<std::string> sni = std::string("example.test")) {
    TlsClientOptions o;
    o.port = server_->sip_port();
    o.ca_file = server_->ca_file();
    o.server_name = std::move(sni);
    return TlsClient(o);
  }
  static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(SipOverTls, OptionsAnswersCapabilities) {
  auto c = connect();
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKopt1"));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
  EXPECT_NE(r->find("\r\nAllow: ACK, CANCEL, OPTIONS, SUBSCRIBE, PUBLISH\r\n"), std::string::npos) << *r;
  EXPECT_NE(r->find("\r\nAccept: "), std::string::npos) << *r;
  EXPECT_NE(r->find("branch=z9hG4bKopt1"), std::string::npos) << *r;
  EXPECT_NE(r->find(";tag="), std::string::npos) << "the To of a final response carries our tag: " << *r;
}

TEST_F(SipOverTls, RepeatedRequestGetsTheSameResponse) {
  auto c = connect();
  const auto req = make_request("OPTIONS", "sip:example.test", "z9hG4bKretrans1");
  c.send(req);
  const auto first = c.receive();
  ASSERT_TRUE(first);
  // The same transaction again, even on a new connection: the same answer, To tag included.
  auto c2 = connect();
  c2.send(req);
  const auto second = c2.receive();
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
  // A new branch is a new transaction with a new tag.
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKretrans2"));
  const auto third = c.receive();
  ASSERT_TRUE(third);
  EXPECT_NE(*first, *third);
}

TEST_F(SipOverTls, KeepAlivePingGetsPong) {
  auto c = connect();
  c.send("\r\n\r\n");
  EXPECT_EQ(c.receive(), std::string("\r\n"));
  // And the connection still carries SIP afterwards.
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKafterping"));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
}

// transport/tls_socket: many requests in one write arrive as one burst of
// records, more than one read turn takes (16), and every one is answered,
// in order, on a connection that then still works.
TEST_F(SipOverTls, ABurstOfPipelinedRequestsIsAnsweredInOrder) {
  auto c = connect();
  std::string burst;
  for (int i = 0; i < 60; ++i) {
    burst += make_request("OPTIONS", "sip:example.test", "z9hG4bKburst" + std::to_string(i));
  }
  c.send(burst);
  for (int i = 0; i < 60; ++i) {
    const auto r = c.receive();
    ASSERT_TRUE(r) << "response " << i << " missing";
    EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
    EXPECT_NE(r->find("branch=z9hG4bKburst" + std::to_string(i) + "\r\n"), std::string::npos) << *r;
  }
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKafterburst"));
  ASSERT_TRUE(c.receive());
}

// A message larger than a TLS record (16 KB) is read across several records
// and framed whole.
TEST_F(SipOverTls, AMessageSpanningSeveralRecordsIsFramedWhole) {
  auto c = connect();
  const std::string body(40 * 1024, 'x');
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKbig1", "Content-Type: text/plain\r\n", body));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
  EXPECT_NE(r->find("branch=z9hG4bKbig1"), std::string::npos) << *r;
}

TEST_F(SipOverTls, SniPicksTheDomainsCertificateAndNoSniGetsTheDefault) {
  const auto has = [](const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  auto t = connect(std::string("example.test"));
  EXPECT_TRUE(has(t.server_certificate_dns_names(), "example.test"));
  EXPECT_FALSE(has(t.server_certificate_dns_names(), "example.org"));
  auto o = connect(std::string("example.org"));
  EXPECT_TRUE(has(o.server_certificate_dns_names(), "example.org"));
  auto none = connect(std::nullopt);
  EXPECT_TRUE(has(none.server_certificate_dns_names(), "example.org"));
  // An unknown name also gets the default rather than a failed handshake.
  TlsClientOptions opts;
  opts.port = server_->sip_port();
  opts.ca_file = server_->ca_file();
  opts.server_name = std::string("unknown.example");
  opts.verify_host = std::string("example.org");  // the default domain's certificate
  TlsClient unknown(opts);
  EXPECT_TRUE(has(unknown.server_certificate_dns_names(), "example.org"));
}

TEST_F(SipOverTls, UnknownEventPackageGets489AndInviteGets405WithAllow) {
  auto c = connect();
  c.send(make_request("SUBSCRIBE", "sip:bob@example.test", "z9hG4bKev1",
                      "Event: presence\r\nContact: <sip:tester@127.0.0.1>\r\n"));
  auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 489 Bad Event");
  c.send(make_request("INVITE", "sip:bob@example.test", "z9hG4bKinv1", "Contact: <sip:tester@127.0.0.1>\r\n"));
  r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 405 Method Not Allowed");
  EXPECT_NE(r->find("\r\nAllow: "), std::string::npos);
}

TEST_F(SipOverTls, SipsRequestWithNonSipsContactGets480With381) {
  auto c = connect();
  c.send(make_request("SUBSCRIBE", "sips:bob@example.test", "z9hG4bKsips1",
                      "Event: certificate\r\nContact: <sip:tester@127.0.0.1>\r\n"));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 480 Temporarily Unavailable");
  EXPECT_NE(r->find("\r\nWarning: 381 example.test \"SIPS Required\"\r\n"), std::string::npos) << *r;
  // The same with a SIPS Contact passes this check (and meets the Event check).
  c.send(make_request("SUBSCRIBE", "sips:bob@example.test", "z9hG4bKsips2",
                      "Event: presence\r\nContact: <sips:tester@127.0.0.1>\r\n"));
  const auto ok = c.receive();
  ASSERT_TRUE(ok);
  EXPECT_EQ(status_line(*ok), "SIP/2.0 489 Bad Event");
}

TEST_F(SipOverTls, SipsRequestGetsSipsContactsAndNoTransportTls) {
  // RFC 5630 §4.1: a SIPS Request-URI gets SIPS Contacts, in the 200 and in
  // the NOTIFY of the dialog; §3.1.3: transport=tls is never emitted.
  auto c = connect();
  c.send(make_request("SUBSCRIBE", "sips:bob@example.test", "z9hG4bKsips3",
                      "Event: certificate\r\nExpires: 0\r\nContact: <sips:tester@127.0.0.1>\r\n"));
  const auto ok = c.receive();
  ASSERT_TRUE(ok);
  EXPECT_EQ(status_line(*ok), "SIP/2.0 200 OK");
  EXPECT_NE(ok->find("\r\nContact: <sips:credsvc@example.test>\r\n"), std::string::npos) << *ok;
  const auto notify = c.receive();
  ASSERT_TRUE(notify);
  EXPECT_TRUE(notify->starts_with("NOTIFY sips:tester@127.0.0.1 SIP/2.0\r\n")) << *notify;
  EXPECT_NE(notify->find("\r\nContact: <sips:credsvc@example.test>\r\n"), std::string::npos) << *notify;
  EXPECT_EQ(ok->find("transport=tls"), std::string::npos);
  EXPECT_EQ(notify->find("transport=tls"), std::string::npos);
}

TEST_F(SipOverTls, RequiredExtensionGets420WithUnsupported) {
  auto c = connect();
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKreq1", "Require: foo, bar\r\n"));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 420 Bad Extension");
  EXPECT_NE(r->find("\r\nUnsupported: foo, bar\r\n"), std::string::npos) << *r;
}

// RFC 4475 (../shared/testdata/rfc4475/README.md): the outcome each message
// must get from a UAS over a stream. "none": no answer and the connection
// stays (a response, or a body still to come); "close": no answer, closed.
const std::map<std::string, std::string> kExpected = {
    {"wsinv", "405"},    {"intmeth", "501"},  {"esc01", "405"},     {"escnull", "405"},   {"esc02", "501"},
    {"lwsdisp", "200"},  {"longreq", "405"},  {"dblreq", "405"},    {"semiuri", "200"},   {"transports", "200"},
    {"mpart01", "405"},  {"unreason", "none"}, {"noreason", "none"}, {"badinv01", "400"}, {"clerr", "none"},
    {"ncl", "close"},    {"scalar02", "400"}, {"scalarlg", "none"}, {"quotbal", "400"},   {"ltgtruri", "400"},
    {"lwsruri", "400"},  {"lwsstart", "400"}, {"trws", "400"},      {"escruri", "400"},   {"baddate", "400"},
    {"regbadct", "400"}, {"badaspec", "400"}, {"baddn", "400"},     {"badvers", "505"},   {"mismatch01", "400"},
    {"mismatch02", "501"}, {"bigcode", "none"}, {"badbranch", "400"}, {"insuf", "400"},   {"unkscm", "416"},
    {"novelsc", "416"},  {"unksm2", "416"},   {"bext01", "420"},    {"invut", "405"},     {"regaut01", "405"},
    {"multi01", "400"},  {"mcl01", "400"},    {"bcast", "none"},    {"zeromf", "483"},    {"cparam01", "405"},
    {"cparam02", "405"}, {"regescrt", "405"}, {"sdp01", "405"},     {"inv2543", "400"},
};

TEST_F(SipOverTls, EveryRfc4475MessageGetsItsOutcomeAndTheServerKeepsServing) {
  const fs::path dir = CREDSVC_RFC4475_DIR;
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing: the torture messages are required";
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".dat") continue;
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    const auto expected = kExpected.find(name);
    ASSERT_NE(expected, kExpected.end()) << "no expected outcome for " << name;
    std::string msg = read_file(entry.path());
    // Datagram-era files may end without the empty line that closes the
    // header block; on a stream it is part of the message.
    if (msg.find("\r\n\r\n") == std::string::npos) msg += "\r\n";

    auto c = connect();
    c.send(msg);
    if (expected->second == "close") {
      EXPECT_TRUE(c.closed_by_peer(5s));
    } else if (expected->second == "none") {
      EXPECT_FALSE(c.receive(700ms).has_value());
    } else {
      const auto r = c.receive(5s);
      ASSERT_TRUE(r.has_value()) << "no response";
      EXPECT_EQ(status_line(*r).substr(0, 11), "SIP/2.0 " + expected->second) << status_line(*r);
    }
    ++checked;
  }
  EXPECT_EQ(checked, kExpected.size());
  // After all of that, a well-formed request on a new connection works.
  auto c = connect();
  c.send(make_request("OPTIONS", "sip:example.test", "z9hG4bKstillalive"));
  const auto r = c.receive();
  ASSERT_TRUE(r);
  EXPECT_EQ(status_line(*r), "SIP/2.0 200 OK");
}

}  // namespace
}  // namespace credsvc::testing
