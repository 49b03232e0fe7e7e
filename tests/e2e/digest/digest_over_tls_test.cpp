// Digest authentication over real TLS against a real server whose users live
// in a real PostgreSQL: one exchange per algorithm, nonce-count replay,
// wrong password, unknown and disabled users. The package behind the gate is
// a test fixture that answers 200 naming the authenticated AOR; the client
// side computes its responses with its own hashing (RFC 7616 §3.4.1).
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

#include "auth/digest_algorithm.hpp"
#include "cli/sip_service.hpp"
#include "cli/test_ca.hpp"
#include "child.hpp"
#include "db/migrations.hpp"
#include "db/store.hpp"
#include "sip/parser.hpp"
#include "test_postgres.hpp"
#include "tls_client.hpp"
#include "uas/digest_gate.hpp"
#include "uas/store_ha1_lookup.hpp"

namespace credsvc::testing {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;

std::string hash_hex(const std::string& algorithm, const std::string& data) {
  const EVP_MD* md = algorithm == "MD5" ? EVP_md5() : algorithm == "SHA-256" ? EVP_sha256() : EVP_sha512_256();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < len; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

class AuthProbe final : public uas::EventPackage {
 public:
  explicit AuthProbe(std::shared_ptr<uas::DigestGate> gate) : gate_(std::move(gate)) {}
  void on_subscribe(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) override {
    txn->respond(405);
  }
  void on_publish(std::shared_ptr<uas::ServerTransaction> txn, const sip::EventHeader&) override {
    gate_->authenticate(txn, "example.test", "example.test", [txn](const auth::Outcome& out) {
      txn->respond(txn->response(200, "OK").add("X-Authenticated-As", out.aor));
    });
  }
  std::vector<std::string> media_types() const override { return {}; }

 private:
  std::shared_ptr<uas::DigestGate> gate_;
};

class DigestOverTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto conninfo = fresh_database();
    db::apply_migrations(conninfo);
    db::StoreOptions so;
    so.conninfo = conninfo;
    so.pool_size = 2;
    store_ = std::make_unique<db::Store>(so);
    temp_ = std::make_unique<TempDir>();
    const auto ca = cli::TestCa::load_or_create(temp_->path() / "ca");
    ca_file_ = ca.certificate_file().string();
    const auto domain = ca.issue_domain("example.test");
    store_->async_add_domain(domain, "test", asio::use_future).get();
    add_user("alice@example.test", "alice", "wonderland", true);
    add_user("carol@example.test", "carol", "disabled-pw", false);

    auto gate = std::make_shared<uas::DigestGate>(std::make_shared<auth::DigestAuthenticator>(),
                                                  uas::make_store_ha1_lookup(*store_));
    io_ = std::make_unique<asio::io_context>();
    service_ = std::make_unique<cli::SipService>(*io_, cli::parse_listen_address("127.0.0.1:0"),
                                                 std::vector<db::Domain>{domain}, "", uas::UasOptions{});
    service_->core().register_package("x-auth-probe", std::make_shared<AuthProbe>(gate));
    service_->start();
    work_ = std::make_unique<asio::executor_work_guard<asio::io_context::executor_type>>(io_->get_executor());
    thread_ = std::thread([] { io_->run(); });
  }
  static void TearDownTestSuite() {
    service_->stop();
    io_->stop();
    thread_.join();
    service_.reset();
    work_.reset();
    io_.reset();
    store_.reset();
    temp_.reset();
  }
  static void add_user(const std::string& aor, const std::string& name, const std::string& password, bool enabled) {
    db::User u;
    u.aor = aor;
    u.domain = "example.test";
    u.ha1.md5 = hash_hex("MD5", name + ":example.test:" + password);
    u.ha1.sha256 = hash_hex("SHA-256", name + ":example.test:" + password);
    u.ha1.sha512_256 = hash_hex("SHA-512-256", name + ":example.test:" + password);
    u.enabled = true;
    store_->async_add_user(u, "test", asio::use_future).get();
    if (!enabled) store_->async_set_user_enabled(aor, false, "test", asio::use_future).get();
  }

  TlsClient connect() {
    TlsClientOptions o;
    o.port = service_->local_endpoint().port();
    o.ca_file = ca_file_;
    o.server_name = "example.test";
    return TlsClient(o);
  }

  struct Challenge {
    std::string algorithm, nonce, realm;
  };
  // Sends an unauthenticated PUBLISH; returns the challenges in order.
  std::vector<Challenge> challenges(TlsClient& c) {
    c.send(make_request("PUBLISH", "sip:alice@example.test", "z9hG4bKch" + std::to_string(++counter_),
                        "Event: x-auth-probe\r\n"));
    const auto r = c.receive();
    EXPECT_TRUE(r);
    auto parsed = sip::parse_message(*r);
    EXPECT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.msg.status(), 401);
    std::vector<Challenge> out;
    const auto headers = parsed.msg.www_authenticate();  // keep the Result alive for the loop
    EXPECT_TRUE(headers.ok());
    for (const auto& h : *headers) {
      const auto p = sip::digest_params(h);
      EXPECT_TRUE(p.ok());
      EXPECT_EQ(p->qop_options, std::vector<std::string>{"auth"});
      out.push_back({p->algorithm.value_or("MD5"), *p->nonce, *p->realm});
    }
    return out;
  }
  // An authenticated PUBLISH; returns the status line and the X-Authenticated-As value.
  std::pair<int, std::string> authorized(TlsClient& c, const Challenge& ch, const std::string& user,
                                         const std::string& password, const std::string& nc) {
    const std::string uri = "sip:alice@example.test";
    const std::string cnonce = "cn" + std::to_string(counter_);
    const std::string ha1 = hash_hex(ch.algorithm, user + ":" + ch.realm + ":" + password);
    const std::string ha2 = hash_hex(ch.algorithm, "PUBLISH:" + uri);
    const std::string response = hash_hex(ch.algorithm, ha1 + ":" + ch.nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    const std::string authz = "Authorization: Digest username=\"" + user + "\", realm=\"" + ch.realm + "\", nonce=\"" +
                              ch.nonce + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" +
                              ch.algorithm + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"\r\n";
    c.send(make_request("PUBLISH", uri, "z9hG4bKau" + std::to_string(++counter_), "Event: x-auth-probe\r\n" + authz));
    const auto r = c.receive();
    EXPECT_TRUE(r);
    auto parsed = sip::parse_message(*r);
    return {parsed.msg.status(), std::string(parsed.msg.header("X-Authenticated-As").value_or(""))};
  }

  static inline std::unique_ptr<db::Store> store_;
  static inline std::unique_ptr<TempDir> temp_;
  static inline std::string ca_file_;
  static inline std::unique_ptr<asio::io_context> io_;
  static inline std::unique_ptr<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  static inline std::unique_ptr<cli::SipService> service_;
  static inline std::thread thread_;
  static inline int counter_ = 0;  // branches unique across tests: same branch = same transaction
};

TEST_F(DigestOverTls, ChallengesOfferTheStrongestAlgorithmFirst) {
  auto c = connect();
  const auto ch = challenges(c);
  ASSERT_EQ(ch.size(), 3u);
  EXPECT_EQ(ch[0].algorithm, "SHA-512-256");
  EXPECT_EQ(ch[1].algorithm, "SHA-256");
  EXPECT_EQ(ch[2].algorithm, "MD5");
  EXPECT_EQ(ch[0].realm, "example.test");
}

TEST_F(DigestOverTls, EachAlgorithmAuthenticates) {
  for (std::size_t i = 0; i < 3; ++i) {
    auto c = connect();
    const auto ch = challenges(c).at(i);
    SCOPED_TRACE(ch.algorithm);
    const auto [status, who] = authorized(c, ch, "alice", "wonderland", "00000001");
    EXPECT_EQ(status, 200);
    EXPECT_EQ(who, "alice@example.test");
  }
}

TEST_F(DigestOverTls, ReplayedNonceCountIsRefusedAndTheNextCountAccepted) {
  auto c = connect();
  const auto ch = challenges(c).at(1);
  EXPECT_EQ(authorized(c, ch, "alice", "wonderland", "00000001").first, 200);
  // The same nonce and nc in a new request: a replay.
  EXPECT_EQ(authorized(c, ch, "alice", "wonderland", "00000001").first, 401);
  EXPECT_EQ(authorized(c, ch, "alice", "wonderland", "00000002").first, 200);
}

TEST_F(DigestOverTls, WrongPasswordAndUnknownUserLookAlike) {
  auto c = connect();
  const auto ch = challenges(c).at(0);
  EXPECT_EQ(authorized(c, ch, "alice", "not-her-password", "00000001").first, 401);
  const auto ch2 = challenges(c).at(0);
  EXPECT_EQ(authorized(c, ch2, "mallory", "whatever", "00000001").first, 401);
}

TEST_F(DigestOverTls, DisabledUserIsForbidden) {
  auto c = connect();
  const auto ch = challenges(c).at(0);
  EXPECT_EQ(authorized(c, ch, "carol", "disabled-pw", "00000001").first, 403);
}

}  // namespace
}  // namespace credsvc::testing
