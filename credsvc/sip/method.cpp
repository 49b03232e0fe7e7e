#include "sip/method.hpp"

#include <array>
#include <utility>

namespace credsvc::sip {
namespace {

constexpr std::array<std::pair<std::string_view, Method>, 14> kMethods{{
    {"INVITE", Method::Invite}, {"ACK", Method::Ack}, {"BYE", Method::Bye},
    {"CANCEL", Method::Cancel}, {"OPTIONS", Method::Options}, {"REGISTER", Method::Register},
    {"SUBSCRIBE", Method::Subscribe}, {"NOTIFY", Method::Notify}, {"PUBLISH", Method::Publish},
    {"MESSAGE", Method::Message}, {"INFO", Method::Info}, {"PRACK", Method::Prack},
    {"UPDATE", Method::Update}, {"REFER", Method::Refer},
}};

}  // namespace

Method method_from_token(std::string_view token) noexcept {
  for (const auto& [name, m] : kMethods) {
    if (name == token) return m;
  }
  return Method::Extension;
}

std::string_view method_name(Method m) noexcept {
  for (const auto& [name, mm] : kMethods) {
    if (mm == m) return name;
  }
  return {};
}

}  // namespace credsvc::sip
