// Request bodies and queries of the admin API: each fault is a 4xx with its
// own stable code.
#include <gtest/gtest.h>

#include "http/admin_error.hpp"
#include "http/admin_request.hpp"

namespace credsvc::testing::admin {
namespace {
using http::AdminError;
using http::JsonBody;
using http::QueryParams;

http::Request post(std::string body, const char* content_type = "application/json") {
  http::Request r{http::Verb::post, "/api/v1/users", 11};
  if (content_type != nullptr) r.set(http::beast_http::field::content_type, content_type);
  r.body() = std::move(body);
  return r;
}

template <typename F>
std::pair<int, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const AdminError& e) {
    return {static_cast<int>(e.status()), e.code()};
  }
  return {0, "accepted"};
}

TEST(JsonBody, MembersByType) {
  const auto body = JsonBody::parse(post(R"({"aor":"alice@example.test","password":"pw","force":true,"realm":null})"),
                                    {"aor", "password", "force", "realm"});
  EXPECT_EQ(body.required_string("aor"), "alice@example.test");
  EXPECT_EQ(body.optional_string("realm"), std::nullopt);
  EXPECT_EQ(body.optional_bool("force"), true);
  EXPECT_EQ(body.optional_bool("absent"), std::nullopt);
  // No Content-Type is taken as JSON; parameters are allowed.
  EXPECT_NO_THROW(JsonBody::parse(post("{}", nullptr), {}));
  EXPECT_NO_THROW(JsonBody::parse(post("{}", "Application/JSON; charset=utf-8"), {}));
}

TEST(JsonBody, EachFaultHasItsCode) {
  using R = std::pair<int, std::string>;
  EXPECT_EQ(refusal([] { JsonBody::parse(post("{\"aor\":"), {"aor"}); }), R(400, "malformed_json"));
  EXPECT_EQ(refusal([] { JsonBody::parse(post(""), {"aor"}); }), R(400, "malformed_json"));
  EXPECT_EQ(refusal([] { JsonBody::parse(post("[1,2]"), {"aor"}); }), R(400, "malformed_json"));
  EXPECT_EQ(refusal([] { JsonBody::parse(post(R"({"aor":"a@b","pasword":"x"})"), {"aor", "password"}); }),
            R(400, "unknown_field"));
  EXPECT_EQ(refusal([] { JsonBody::parse(post("aor=x", "application/x-www-form-urlencoded"), {"aor"}); }),
            R(415, "unsupported_media_type"));
  const auto body = JsonBody::parse(post(R"({"aor":5,"password":"","force":"yes"})"), {"aor", "password", "force"});
  EXPECT_EQ(refusal([&] { body.required_string("aor"); }), R(400, "invalid_field"));
  EXPECT_EQ(refusal([&] { body.required_string("password"); }), R(400, "invalid_field"));
  EXPECT_EQ(refusal([&] { body.required_string("name"); }), R(400, "missing_field"));
  EXPECT_EQ(refusal([&] { body.optional_bool("force"); }), R(400, "invalid_field"));
}

TEST(QueryParams, DecodedCheckedAndBounded) {
  const auto q = QueryParams::parse("aor=alice%40example.test&since=24h&limit=10&force=true&domain=", {"aor", "since", "limit", "force", "domain"});
  EXPECT_EQ(q.get("aor"), "alice@example.test");
  EXPECT_EQ(q.get("domain"), std::nullopt);  // empty: no filter
  EXPECT_EQ(q.get("absent"), std::nullopt);
  EXPECT_EQ(q.count("limit", 100, 1000), 10u);
  EXPECT_EQ(q.count("other", 100, 1000), 100u);
  EXPECT_TRUE(q.flag("force", false));
  EXPECT_FALSE(q.flag("other", false));
  EXPECT_EQ(QueryParams::parse("since=2026-11-21T13%3A27%3A00Z", {"since"}).get("since"), "2026-11-21T13:27:00Z");
  EXPECT_EQ(QueryParams::parse("", {}).get("x"), std::nullopt);

  using R = std::pair<int, std::string>;
  EXPECT_EQ(refusal([] { QueryParams::parse("colour=red", {"aor"}); }), R(400, "unknown_parameter"));
  EXPECT_EQ(refusal([] { QueryParams::parse("aor=a&aor=b", {"aor"}); }), R(400, "malformed_query"));
  EXPECT_EQ(refusal([] { QueryParams::parse("limit=0", {"limit"}).count("limit", 1, 10); }), R(400, "invalid_parameter"));
  EXPECT_EQ(refusal([] { QueryParams::parse("limit=11", {"limit"}).count("limit", 1, 10); }), R(400, "invalid_parameter"));
  EXPECT_EQ(refusal([] { QueryParams::parse("limit=5x", {"limit"}).count("limit", 1, 10); }), R(400, "invalid_parameter"));
  EXPECT_EQ(refusal([] { QueryParams::parse("force=1", {"force"}).flag("force", false); }), R(400, "invalid_parameter"));
}

}  // namespace
}  // namespace credsvc::testing::admin
