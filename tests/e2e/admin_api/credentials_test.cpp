// /api/v1/credentials: the listing (status, soonest to lapse first, then
// revoked keys), one address in full, and revocation; /api/v1/audit.
#include <chrono>

#include "admin_api_fixture.hpp"

namespace credsvc::testing::admin_api {
namespace {
namespace json = boost::json;
using http::Verb;
using namespace std::chrono_literals;

// The listing's entries for `aor`, in listing order.
std::vector<json::object> entries_for(const json::value& listing, const std::string& aor) {
  std::vector<json::object> out;
  for (const auto& e : listing.as_array()) {
    if (e.at("aor").as_string() == aor) out.push_back(e.as_object());
  }
  return out;
}

std::size_t position_of(const json::value& listing, const std::string& aor) {
  const auto& a = listing.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].at("aor").as_string() == aor) return i;
  }
  return a.size();
}

TEST_F(AdminApi, CredentialsAreListedSoonestToLapseFirst) {
  add_user("late@example.test", "pw");
  add_user("soon@example.test", "pw");
  add_user("off@example.test", "pw");
  publish("late@example.test", 24h * 30, 3h);
  const auto soon = publish("soon@example.test", 2h, 24h);  // the certificate ends first
  publish("off@example.test", 24h * 30, 5h);
  ASSERT_EQ(call(Verb::post, "/api/v1/users/off@example.test/disable", {}, admin()).status, 200);

  const auto r = get("/api/v1/credentials?domain=example.test");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto listing = r.json();
  EXPECT_LT(position_of(listing, "soon@example.test"), position_of(listing, "late@example.test"));
  EXPECT_LT(position_of(listing, "late@example.test"), position_of(listing, "off@example.test"));
  const auto s = entries_for(listing, "soon@example.test");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].at("status").as_string(), "active");
  EXPECT_EQ(s[0].at("spki_sha256").as_string(), soon.spki_sha256);
  EXPECT_EQ(s[0].at("expires_at").as_string(), s[0].at("not_after").as_string());
  EXPECT_EQ(entries_for(listing, "off@example.test").at(0).at("status").as_string(), "disabled");
  EXPECT_TRUE(refused(get("/api/v1/credentials?limit=0"), 400, "invalid_parameter"));
  EXPECT_LE(get("/api/v1/credentials?limit=1").json().as_array().size(), 2u);  // one current, one revoked at most
}

TEST_F(AdminApi, OneAddressIsShownInFull) {
  add_user("shown@example.test", "pw");
  const auto c = publish("shown@example.test", 24h, 1h);
  const auto r = get("/api/v1/credentials/sip:shown@EXAMPLE.test");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = r.json();
  EXPECT_EQ(j.at("aor").as_string(), "shown@example.test");
  EXPECT_TRUE(j.at("enabled").as_bool());
  EXPECT_EQ(j.at("credential").at("spki_sha256").as_string(), c.spki_sha256);
  EXPECT_EQ(j.at("credential").at("subject").as_string(), "CN=shown@example.test");
  EXPECT_EQ(j.at("credential").at("key").as_string(), "none");
  EXPECT_TRUE(j.at("revoked_keys").as_array().empty());
  // The server answering is itself a running instance; nobody subscribes.
  const auto& live = j.at("live_subscribers");
  EXPECT_GE(live.at("instances_running").as_int64(), 1);
  EXPECT_EQ(live.at("instances_answered"), live.at("instances_running"));
  EXPECT_EQ(live.at("certificate").as_int64(), 0);
  EXPECT_EQ(live.at("credential").as_int64(), 0);
  EXPECT_EQ(live.at("per_instance").at(0).at("pid").as_int64(), server().child().pid());
  EXPECT_TRUE(get("/api/v1/credentials/shown@example.test?live=false").json().at("live_subscribers").is_null());
  EXPECT_TRUE(refused(get("/api/v1/credentials/shown@example.test?live_wait_ms=0"), 400, "invalid_parameter"));
  EXPECT_TRUE(refused(get("/api/v1/credentials/shown@example.test?live_wait_ms=60000"), 400, "invalid_parameter"));
  const auto before = database_state();
  EXPECT_TRUE(refused(get("/api/v1/credentials/ghost@example.test"), 404, "unknown_user"));
  EXPECT_TRUE(refused(get("/api/v1/credentials/ghost"), 400, "invalid_aor"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, RevocationRemovesTheCredentialAndBarsItsKey) {
  add_user("rita@example.test", "pw");
  const auto c = publish("rita@example.test", 24h, 1h);
  const auto r = send(Verb::post, "/api/v1/credentials/rita@example.test/revoke", json::object{{"reason", "lost laptop"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("spki_sha256").as_string(), c.spki_sha256);
  EXPECT_FALSE(store().async_get_credential("rita@example.test", boost::asio::use_future).get());
  EXPECT_TRUE(store().async_is_key_revoked(c.spki_sha256, boost::asio::use_future).get());
  const auto audit = last_audit("revoke", "rita@example.test");
  EXPECT_EQ(audit.at("actor").as_string(), "token:" + token_id(admin_token_));
  EXPECT_NE(json::serialize(audit.at("detail")).find("lost laptop"), std::string::npos) << audit;

  const auto revoked = entries_for(get("/api/v1/credentials").json(), "rita@example.test");
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0].at("status").as_string(), "revoked");
  EXPECT_EQ(revoked[0].at("reason").as_string(), "lost laptop");
  EXPECT_TRUE(revoked[0].at("expires_at").is_null());

  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/credentials/rita@example.test/revoke", {}, admin()), 404,
                      "no_credential"));
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/credentials/ghost@example.test/revoke", {}, admin()), 404,
                      "unknown_user"));
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/credentials/rita@example.test/revoke", "{\"reason\":", admin()), 400,
                      "malformed_json"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, AnEmptyRevocationBodyUsesTheDefaultReason) {
  add_user("eve@example.test", "pw");
  publish("eve@example.test", 24h, 1h);
  ASSERT_EQ(call(Verb::post, "/api/v1/credentials/eve@example.test/revoke", {}, admin()).status, 200);
  EXPECT_NE(json::serialize(last_audit("revoke", "eve@example.test").at("detail")).find("revoked by an administrator"),
            std::string::npos);
}

TEST_F(AdminApi, TheAuditLogFiltersAndEveryReadIsAudited) {
  add_user("audrey@example.test", "pw");
  ASSERT_EQ(call(Verb::post, "/api/v1/users/audrey@example.test/disable", {}, admin()).status, 200);
  const std::string actor = "token:" + token_id(admin_token_);

  const auto reads = audit_count(actor, "api.read");
  const auto r = get("/api/v1/audit?aor=audrey%40example.test&since=1h&limit=10");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto parsed = r.json();
  const auto& entries = parsed.as_array();
  ASSERT_EQ(entries.size(), 2u) << r.body;  // newest first: user.disable, then the store's user.add
  EXPECT_EQ(entries[0].at("action").as_string(), "user.disable");
  EXPECT_EQ(entries[0].at("actor").as_string(), actor);
  EXPECT_EQ(entries[1].at("action").as_string(), "user.add");
  EXPECT_EQ(audit_count(actor, "api.read"), reads + 1);
  const auto read = last_audit("api.read", "audrey@example.test");
  EXPECT_EQ(read.at("detail").at("path").as_string(), "/api/v1/audit");
  EXPECT_EQ(get("/api/v1/audit?limit=1").json().as_array().size(), 1u);
  EXPECT_TRUE(get("/api/v1/audit?since=2099-01-01T00:00:00Z").json().as_array().empty());

  // One api.read row for each read, none for a refused one.
  for (const char* target : {"/api/v1/domains", "/api/v1/domains/example.test", "/api/v1/users", "/api/v1/credentials",
                             "/api/v1/credentials/audrey@example.test", "/api/v1/tokens", "/api/v1/session"}) {
    const auto n = audit_count(actor, "api.read");
    EXPECT_EQ(get(target).status, 200) << target;
    EXPECT_EQ(audit_count(actor, "api.read"), n + 1) << target;
  }
  const auto before = database_state();
  EXPECT_TRUE(refused(get("/api/v1/audit?since=yesterday"), 400, "invalid_since"));
  EXPECT_TRUE(refused(get("/api/v1/audit?aor=nobody"), 400, "invalid_aor"));
  EXPECT_TRUE(refused(get("/api/v1/audit?limit=many"), 400, "invalid_parameter"));
  EXPECT_TRUE(refused(get("/api/v1/audit?actor=x"), 400, "unknown_parameter"));
  EXPECT_EQ(database_state(), before);
}

}  // namespace
}  // namespace credsvc::testing::admin_api
