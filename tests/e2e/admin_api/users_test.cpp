// /api/v1/users: add, list, new password, disable and enable; only HA1
// values are stored, and each refusal writes nothing.
#include "admin_api_fixture.hpp"
#include "auth/ha1_set.hpp"

namespace credsvc::testing::admin_api {
namespace {
namespace json = boost::json;
using http::Verb;

std::optional<db::User> stored_user(db::Store& store, const std::string& aor) {
  return store.async_get_user(aor, boost::asio::use_future).get();
}

TEST_F(AdminApi, AUserIsAddedWithItsHa1sOnly) {
  const auto added = send(Verb::post, "/api/v1/users", json::object{{"aor", "sip:Anna@Example.TEST"}, {"password", "anna-pw"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto j = added.json();
  EXPECT_EQ(j.at("aor").as_string(), "Anna@example.test");
  EXPECT_EQ(j.at("domain").as_string(), "example.test");
  EXPECT_TRUE(j.at("enabled").as_bool());
  EXPECT_EQ(added.body.find("anna-pw"), std::string::npos);
  const auto u = stored_user(store(), "Anna@example.test");
  ASSERT_TRUE(u);
  const auto expected = auth::compute_ha1_set("Anna", "example.test", "anna-pw");
  EXPECT_EQ(u->ha1.md5, expected.md5);
  EXPECT_EQ(u->ha1.sha256, expected.sha256);
  EXPECT_EQ(u->ha1.sha512_256, expected.sha512_256);
  EXPECT_EQ(last_audit("user.add", "Anna@example.test").at("actor").as_string(), "token:" + token_id(admin_token_));
}

TEST_F(AdminApi, BadUserInputIsRefusedAndWritesNothing) {
  add_user("dup@example.test", "pw");
  const auto before = database_state();
  const auto post = [](const json::object& body) { return send(Verb::post, "/api/v1/users", body); };
  EXPECT_TRUE(refused(post({{"aor", "dup@example.test"}, {"password", "other"}}), 409, "user_exists"));
  EXPECT_TRUE(refused(post({{"aor", "x@unknown.test"}, {"password", "pw"}}), 404, "unknown_domain"));
  EXPECT_TRUE(refused(post({{"aor", "not an aor"}, {"password", "pw"}}), 400, "invalid_aor"));
  EXPECT_TRUE(refused(post({{"aor", "y@example.test"}}), 400, "missing_field"));
  EXPECT_TRUE(refused(post({{"aor", "y@example.test"}, {"password", 42}}), 400, "invalid_field"));
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/users", "{\"aor\":", admin()), 400, "malformed_json"));
  EXPECT_EQ(database_state(), before);
  EXPECT_FALSE(stored_user(store(), "y@example.test"));
}

TEST_F(AdminApi, APasswordChangesItsHa1s) {
  add_user("paul@example.test", "old-pw");
  const auto changed = send(Verb::put, "/api/v1/users/paul@example.test/password", json::object{{"password", "new-pw"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("aor").as_string(), "paul@example.test");
  EXPECT_EQ(stored_user(store(), "paul@example.test")->ha1.sha256,
            auth::compute_ha1_set("paul", "example.test", "new-pw").sha256);

  const auto before = database_state();
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/users/nobody@example.test/password", json::object{{"password", "x"}}),
                      404, "unknown_user"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/users/nobody@unknown.test/password", json::object{{"password", "x"}}),
                      404, "unknown_user"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/users/paul@example.test/password", json::object{}), 400,
                      "missing_field"));
  EXPECT_TRUE(refused(send(Verb::put, "/api/v1/users/paul@example.test/name", json::object{{"password", "x"}}), 404,
                      "not_found"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, UsersAreDisabledEnabledAndListed) {
  add_user("dora@example.test", "pw");
  auto r = call(Verb::post, "/api/v1/users/dora@example.test/disable", {}, admin());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().at("enabled").as_bool());
  EXPECT_FALSE(stored_user(store(), "dora@example.test")->enabled);
  const auto list = get("/api/v1/users?domain=EXAMPLE.test");
  ASSERT_EQ(list.status, 200) << list.body;
  bool listed_disabled = false;
  const auto users = list.json();
  for (const auto& u : users.as_array()) {
    EXPECT_EQ(u.at("domain").as_string(), "example.test");
    if (u.at("aor").as_string() == "dora@example.test") listed_disabled = !u.at("enabled").as_bool();
  }
  EXPECT_TRUE(listed_disabled) << list.body;
  r = call(Verb::post, "/api/v1/users/dora@example.test/enable", {}, admin());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(stored_user(store(), "dora@example.test")->enabled);

  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/users/nobody@example.test/disable", {}, admin()), 404, "unknown_user"));
  EXPECT_TRUE(refused(call(Verb::post, "/api/v1/users/dora@example.test/promote", {}, admin()), 404, "not_found"));
  EXPECT_TRUE(refused(get("/api/v1/users?domain=bad_domain"), 400, "invalid_domain_name"));
  EXPECT_TRUE(refused(get("/api/v1/users?realm=x"), 400, "unknown_parameter"));
  EXPECT_EQ(database_state(), before);
}

}  // namespace
}  // namespace credsvc::testing::admin_api
