// The console's files are in the binary with their media types, and keep
// to the rules its Content-Security-Policy and the brief set: no inline
// script or style, no external resources, no HTML parsing of data.
#include <gtest/gtest.h>

#include <string>

#include "http/console_assets.hpp"

namespace credsvc::testing::admin {
namespace {

std::string_view asset(std::string_view name) {
  for (const auto& a : http::console_assets()) {
    if (a.name == name) return a.body;
  }
  ADD_FAILURE() << "no console file " << name;
  return {};
}

TEST(ConsoleAssets, EmbeddedWithTheirMediaTypes) {
  bool html = false, js = false, css = false;
  for (const auto& a : http::console_assets()) {
    EXPECT_FALSE(a.body.empty()) << a.name;
    if (a.name == "index.html") html = a.content_type == "text/html; charset=utf-8";
    if (a.name == "console.js") js = a.content_type == "text/javascript; charset=utf-8";
    if (a.name == "console.css") css = a.content_type == "text/css; charset=utf-8";
  }
  EXPECT_TRUE(html && js && css);
}

TEST(ConsoleAssets, NothingInlineNothingExternal) {
  const auto html = asset("index.html");
  EXPECT_NE(html.find("<script src=\"console.js\""), std::string_view::npos);
  EXPECT_EQ(html.find("<script>"), std::string_view::npos) << "inline script";
  EXPECT_EQ(html.find("style="), std::string_view::npos) << "inline style";
  EXPECT_EQ(html.find("onclick"), std::string_view::npos) << "inline handler";
  for (const auto name : {"index.html", "console.js", "console.css"}) {
    const auto body = asset(name);
    EXPECT_EQ(body.find("http://"), std::string_view::npos) << name;
    EXPECT_EQ(body.find("https://"), std::string_view::npos) << name;
  }
  const auto js = asset("console.js");
  EXPECT_EQ(js.find("innerHTML"), std::string_view::npos);
  EXPECT_EQ(js.find("outerHTML"), std::string_view::npos);
  EXPECT_EQ(js.find("insertAdjacentHTML"), std::string_view::npos);
  EXPECT_EQ(js.find("eval("), std::string_view::npos);
  EXPECT_NE(js.find("sessionStorage"), std::string_view::npos);
  EXPECT_EQ(js.find("localStorage"), std::string_view::npos) << "the token stays in the tab";
}

}  // namespace
}  // namespace credsvc::testing::admin
