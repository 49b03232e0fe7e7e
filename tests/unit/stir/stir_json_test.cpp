// The ATIS-1000082 JSON mapping of the STIR HTTPS API.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "http/stir_json.hpp"

namespace credsvc::http {
namespace {

namespace json = boost::json;

constexpr const char* kOrigId = "de305d54-75b4-431b-adb2-eb6b9e546014";

template <class T>
T ok(StirParsed<T> parsed) {
  if (const auto* e = std::get_if<StirApiError>(&parsed)) {
    ADD_FAILURE() << "unexpected error " << e->message_id << ": " << e->text;
    return T{};
  }
  return std::get<T>(std::move(parsed));
}

template <class T>
StirApiError error(StirParsed<T> parsed) {
  if (!std::holds_alternative<StirApiError>(parsed)) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  return std::get<StirApiError>(std::move(parsed));
}

TEST(StirJson, ReadsTheAtisSigningRequest) {
  const auto r = ok(parse_signing_request(
      R"({"signingRequest":{"orig":{"tn":"12155551212"},"dest":{"tn":["12155551213","+1 215-555-1214"]},)"
      R"("iat":1443208345,"attest":"B","origid":"de305d54-75b4-431b-adb2-eb6b9e546014"}})"));
  EXPECT_EQ(r.orig.tn, std::optional<std::string>("12155551212"));
  EXPECT_FALSE(r.orig.uri);
  EXPECT_EQ(r.dest.tn, (std::vector<std::string>{"12155551213", "12155551214"}));
  EXPECT_EQ(r.iat, std::optional<std::int64_t>(1443208345));
  EXPECT_EQ(r.attest, std::optional<std::string>("B"));
  EXPECT_EQ(r.origid, std::optional<std::string>(kOrigId));
}

TEST(StirJson, UriFormsAndOptionalMembers) {
  const auto r = ok(parse_signing_request(
      R"({"signingRequest":{"orig":{"uri":"sip:alice@example.com"},"dest":{"uri":["sip:bob@example.org"]}}})"));
  EXPECT_EQ(r.orig.uri, std::optional<std::string>("sip:alice@example.com"));
  EXPECT_EQ(r.dest.uri, std::vector<std::string>{"sip:bob@example.org"});
  EXPECT_FALSE(r.iat);
  EXPECT_FALSE(r.attest);
  EXPECT_FALSE(r.origid);
}

TEST(StirJson, DefaultsFillTheClaims) {
  const auto r = ok(parse_signing_request(R"({"signingRequest":{"orig":{"tn":"1215"},"dest":{"tn":["1216"]}}})"));
  const auto claims = signing_claims(r, 1700000000, "C", kOrigId, std::string("shaken"));
  ASSERT_TRUE(std::holds_alternative<identity::PassportClaims>(claims));
  const auto& c = std::get<identity::PassportClaims>(claims);
  EXPECT_EQ(c.iat, 1700000000);
  EXPECT_EQ(c.attest, std::optional<std::string>("C"));
  EXPECT_EQ(c.origid, std::optional<std::string>(kOrigId));

  // Given values win over the defaults.
  const auto given = ok(parse_signing_request(
      R"({"signingRequest":{"orig":{"tn":"1215"},"dest":{"tn":["1216"]},"iat":5,"attest":"A",)"
      R"("origid":"00000000-0000-4000-8000-000000000000"}})"));
  const auto gc = std::get<identity::PassportClaims>(signing_claims(given, 1700000000, "C", kOrigId, "shaken"));
  EXPECT_EQ(gc.iat, 5);
  EXPECT_EQ(gc.attest, std::optional<std::string>("A"));
  EXPECT_EQ(gc.origid, std::optional<std::string>("00000000-0000-4000-8000-000000000000"));
}

TEST(StirJson, ShakenNeedsTelephoneNumbers) {
  const auto r = ok(parse_signing_request(
      R"({"signingRequest":{"orig":{"uri":"sip:alice@example.com"},"dest":{"tn":["1216"]}}})"));
  const auto claims = signing_claims(r, 1, "A", kOrigId, std::string("shaken"));
  ASSERT_TRUE(std::holds_alternative<StirApiError>(claims));
  const auto& e = std::get<StirApiError>(claims);
  EXPECT_EQ(e.message_id, "SVC4006");
  EXPECT_NE(e.text.find("orig must be a tn"), std::string::npos) << e.text;
  // A base PASSporT signer takes URIs.
  EXPECT_TRUE(std::holds_alternative<identity::PassportClaims>(signing_claims(r, 1, "A", kOrigId, std::nullopt)));
}

TEST(StirJson, EachFaultHasItsOwnError) {
  struct Case {
    const char* body;
    const char* message_id;
    const char* text_part;
  };
  const Case cases[] = {
      {"", "SVC4000", "missing request body"},
      {"  \r\n", "SVC4000", "missing request body"},
      {"{\"signingRequest\":", "SVC4003", "failed to parse"},
      {"[1]", "SVC4006", "'(body)' must be an object, not array"},
      {"{}", "SVC4001", "'signingRequest'"},
      {R"({"signingRequest":{},"extra":1})", "SVC4004", "'extra'"},
      {R"({"signingRequest":"x"})", "SVC4006", "'signingRequest' must be an object, not string"},
      {R"({"signingRequest":{"dest":{"tn":["1"]}}})", "SVC4001", "'signingRequest.orig'"},
      {R"({"signingRequest":{"orig":{"tn":"1"}}})", "SVC4001", "'signingRequest.dest'"},
      {R"({"signingRequest":{"orig":{},"dest":{"tn":["1"]}}})", "SVC4001", "'signingRequest.orig.tn'"},
      {R"({"signingRequest":{"orig":{"tn":12155551212},"dest":{"tn":["1"]}}})", "SVC4006",
       "'signingRequest.orig.tn' must be a string, not number"},
      {R"({"signingRequest":{"orig":{"tn":"12a"},"dest":{"tn":["1"]}}})", "SVC4006", "not a telephone number"},
      {R"({"signingRequest":{"orig":{"tn":"1","uri":"sip:a@b"},"dest":{"tn":["1"]}}})", "SVC4006", "not both"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":"1"}}})", "SVC4006",
       "'signingRequest.dest.tn' must be an array of strings, not string"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":[1]}}})", "SVC4006", "'signingRequest.dest.tn[0]'"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{}}})", "SVC4006", "at least one"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"iat":"now"}})", "SVC4006",
       "'signingRequest.iat' must be an integer, not string"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"iat":1.5}})", "SVC4006", "an integer"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"iat":-1}})", "SVC4006", "negative"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"attest":"D"}})", "SVC4006", "A, B or C"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"origid":"x"}})", "SVC4006", "UUID"},
      {R"({"signingRequest":{"orig":{"tn":"1"},"dest":{"tn":["1"]},"attset":"A"}})", "SVC4004",
       "'signingRequest.attset'"},
      {R"({"signingRequest":{"orig":{"tn":"1","name":"x"},"dest":{"tn":["1"]}}})", "SVC4004",
       "'signingRequest.orig.name'"},
  };
  for (const auto& c : cases) {
    const auto e = error(parse_signing_request(c.body));
    EXPECT_EQ(e.message_id, c.message_id) << c.body << " -> " << e.text;
    EXPECT_NE(e.text.find(c.text_part), std::string::npos) << c.body << " -> " << e.text;
    EXPECT_EQ(e.status, Status::bad_request) << c.body;
    EXPECT_FALSE(e.policy);
  }
}

TEST(StirJson, ReadsTheVerificationRequest) {
  const auto r = ok(parse_verification_request(
      R"({"verificationRequest":{"from":{"tn":"12155551212"},"to":{"tn":["12155551213"]},"time":1443208345,)"
      R"("identity":"a.b.c;info=<https://x.example/c.pem>;alg=ES256;ppt=shaken"}})"));
  EXPECT_EQ(r.from.tn, std::optional<std::string>("12155551212"));
  EXPECT_EQ(r.to.tn, std::vector<std::string>{"12155551213"});
  EXPECT_EQ(r.time, std::optional<std::int64_t>(1443208345));
  EXPECT_EQ(r.identity, "a.b.c;info=<https://x.example/c.pem>;alg=ES256;ppt=shaken");

  EXPECT_EQ(error(parse_verification_request(R"({"verificationRequest":{"from":{"tn":"1"},"to":{"tn":["1"]}}})"))
                .variables,
            "verificationRequest.identity");
  EXPECT_EQ(error(parse_verification_request(
                      R"({"verificationRequest":{"from":{"tn":"1"},"to":{"tn":["1"]},"identity":7}})"))
                .message_id,
            "SVC4006");
  EXPECT_EQ(error(parse_verification_request(R"({"signingRequest":{}})")).message_id, "SVC4004");
}

TEST(StirJson, PassportMustNameFromAndTo) {
  StirVerificationRequest r;
  r.from.tn = "12155551212";
  r.to.tn = {"12155551213"};
  identity::PassportClaims c;
  c.orig.tn = "12155551212";
  c.dest.tn = {"19999999999", "12155551213"};
  EXPECT_EQ(passport_identity_mismatch(r, c), "");
  c.orig.tn = "12155550000";
  EXPECT_NE(passport_identity_mismatch(r, c).find("orig"), std::string::npos);
  c.orig.tn = "12155551212";
  c.dest.tn = {"19999999999"};
  EXPECT_NE(passport_identity_mismatch(r, c).find("dest"), std::string::npos);
  // URI forms compare too.
  r.from = {};
  r.from.uri = "sip:alice@example.com";
  r.to = {};
  r.to.uri = {"sip:bob@example.org"};
  c = {};
  c.orig.uri = "sip:alice@example.com";
  c.dest.uri = {"sip:bob@example.org"};
  EXPECT_EQ(passport_identity_mismatch(r, c), "");
  c.orig = {};
  c.orig.tn = "12155551212";
  EXPECT_NE(passport_identity_mismatch(r, c), "");
}

TEST(StirJson, ResponsesHaveTheAtisShape) {
  EXPECT_EQ(json::parse(signing_response_json("a.b.c;info=<https://x/c.pem>;alg=ES256;ppt=shaken")),
            json::parse(R"({"signingResponse":{"identity":"a.b.c;info=<https://x/c.pem>;alg=ES256;ppt=shaken"}})"));
  EXPECT_EQ(json::parse(verification_passed_json()),
            json::parse(R"({"verificationResponse":{"verstat":"TN-Validation-Passed"}})"));
  EXPECT_EQ(json::parse(verification_failed_json(438, "Invalid Identity Header")),
            json::parse(R"({"verificationResponse":{"verstat":"TN-Validation-Failed","reasoncode":438,)"
                        R"("reasontext":"Invalid Identity Header"}})"));
}

TEST(StirJson, ErrorsHaveTheAtisShape) {
  const auto service = stir_error(Status::bad_request, stir_message::missing_parameter, "missing 'x'", "x");
  EXPECT_EQ(json::parse(stir_error_json(service)),
            json::parse(R"({"requestError":{"serviceException":{"messageId":"SVC4001","text":"missing 'x'",)"
                        R"("variables":"x"}}})"));
  const auto policy = stir_policy_error(Status::unauthorized, stir_message::unauthenticated, "who are you");
  EXPECT_EQ(json::parse(stir_error_json(policy)),
            json::parse(R"({"requestError":{"policyException":{"messageId":"POL4050","text":"who are you"}}})"));
  const Response res = make_stir_error_response(policy);
  EXPECT_EQ(res.result(), Status::unauthorized);
  EXPECT_EQ(res[beast_http::field::www_authenticate], "Bearer");
  EXPECT_EQ(res[beast_http::field::content_type], "application/json");
  EXPECT_EQ(make_stir_error_response(service)[beast_http::field::www_authenticate], "");
}

}  // namespace
}  // namespace credsvc::http
