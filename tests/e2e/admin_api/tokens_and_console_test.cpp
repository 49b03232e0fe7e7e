// /api/v1/tokens (the secret shown once, never listed), the shape of every
// answer (405, no caching, nosniff), and the web console's files.
#include "admin_api_fixture.hpp"

namespace credsvc::testing::admin_api {
namespace {
namespace json = boost::json;
using http::Verb;

TEST_F(AdminApi, TokensAreCreatedListedAndRevoked) {
  const auto created = send(Verb::post, "/api/v1/tokens", json::object{{"name", "sbc-7"}, {"scope", "stir"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto j = created.json();
  const std::string text(j.at("token").as_string());
  const std::string id(j.at("id").as_string());
  EXPECT_EQ(text.rfind("csv_" + id + "_", 0), 0u);
  EXPECT_EQ(j.at("scope").as_string(), "stir");
  // It is a working token, of its scope only.
  EXPECT_TRUE(refused(call(Verb::get, "/api/v1/domains", {}, {text}), 403, "insufficient_scope"));

  const auto list = get("/api/v1/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(text.substr(text.rfind('_') + 1)), std::string::npos) << "never the secret";
  bool listed = false;
  const auto tokens = list.json();
  for (const auto& t : tokens.as_array()) {
    EXPECT_FALSE(t.as_object().contains("token"));
    listed = listed || t.at("id").as_string() == id;
  }
  EXPECT_TRUE(listed);

  ASSERT_EQ(call(Verb::delete_, "/api/v1/tokens/" + id, {}, admin()).status, 200);
  const auto before = database_state();
  EXPECT_TRUE(refused(call(Verb::delete_, "/api/v1/tokens/" + id, {}, admin()), 409, "token_revoked"));
  EXPECT_TRUE(refused(call(Verb::delete_, "/api/v1/tokens/zzzzzzzzzzzz", {}, admin()), 404, "unknown_token"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/tokens", json::object{{"name", "x"}, {"scope", "root"}}), 400,
                      "invalid_scope"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/tokens", json::object{{"scope", "admin"}}), 400, "missing_field"));
  EXPECT_TRUE(refused(send(Verb::post, "/api/v1/tokens", json::object{{"name", std::string(300, 'n')}, {"scope", "admin"}}),
                      400, "invalid_field"));
  EXPECT_EQ(database_state(), before);
}

TEST_F(AdminApi, WrongMethodsAndPathsAreJsonErrors) {
  auto r = call(Verb::patch, "/api/v1/users", "{}", admin());
  EXPECT_TRUE(refused(r, 405, "method_not_allowed"));
  EXPECT_EQ(r.header("allow"), "GET, HEAD, POST");
  EXPECT_TRUE(refused(get("/api/v1/nothing"), 404, "not_found"));
  EXPECT_TRUE(refused(get("/api/v1/users/"), 405, "method_not_allowed"));
}

TEST_F(AdminApi, TheConsoleIsServedWithAStrictPolicy) {
  const auto root = call(Verb::get, "/", {}, {});
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.header("location"), "/console/");
  const auto page = call(Verb::get, "/console/", {}, {});
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  const std::string policy = page.header("content-security-policy");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.header("x-frame-options"), "DENY");
  EXPECT_NE(page.body.find("console.js"), std::string::npos);
  const auto script = call(Verb::get, "/console/console.js", {}, {});
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(call(Verb::get, "/console/console.css", {}, {}).header("content-type"), "text/css; charset=utf-8");
  EXPECT_TRUE(refused(call(Verb::get, "/console/missing.js", {}, {}), 404, "not_found"));
  EXPECT_EQ(call(Verb::get, "/console", {}, {}).header("location"), "/console/");
}

}  // namespace
}  // namespace credsvc::testing::admin_api
