#include "sip/header_name.hpp"

#include <array>
#include <cstdint>

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

struct Entry {
  std::string_view name;
  HeaderId id;
  bool list;
};

// In HeaderId order so canonical_name can index it.
constexpr std::array<Entry, 61> kHeaders{{
    {"Accept", HeaderId::Accept, true},
    {"Accept-Contact", HeaderId::AcceptContact, true},
    {"Accept-Encoding", HeaderId::AcceptEncoding, true},
    {"Accept-Language", HeaderId::AcceptLanguage, true},
    {"Alert-Info", HeaderId::AlertInfo, true},
    {"Allow", HeaderId::Allow, true},
    {"Allow-Events", HeaderId::AllowEvents, true},
    {"Authentication-Info", HeaderId::AuthenticationInfo, false},
    {"Authorization", HeaderId::Authorization, false},
    {"Call-ID", HeaderId::CallId, false},
    {"Call-Info", HeaderId::CallInfo, true},
    {"Contact", HeaderId::Contact, true},
    {"Content-Disposition", HeaderId::ContentDisposition, false},
    {"Content-Encoding", HeaderId::ContentEncoding, true},
    {"Content-Language", HeaderId::ContentLanguage, true},
    {"Content-Length", HeaderId::ContentLength, false},
    {"Content-Transfer-Encoding", HeaderId::ContentTransferEncoding, false},
    {"Content-Type", HeaderId::ContentType, false},
    {"CSeq", HeaderId::CSeq, false},
    {"Date", HeaderId::Date, false},
    {"Error-Info", HeaderId::ErrorInfo, true},
    {"Event", HeaderId::Event, false},
    {"Expires", HeaderId::Expires, false},
    {"From", HeaderId::From, false},
    {"Identity", HeaderId::Identity, false},
    {"Identity-Info", HeaderId::IdentityInfo, false},
    {"In-Reply-To", HeaderId::InReplyTo, true},
    {"Max-Forwards", HeaderId::MaxForwards, false},
    {"MIME-Version", HeaderId::MimeVersion, false},
    {"Min-Expires", HeaderId::MinExpires, false},
    {"Organization", HeaderId::Organization, false},
    {"Path", HeaderId::Path, true},
    {"Priority", HeaderId::Priority, false},
    {"Proxy-Authenticate", HeaderId::ProxyAuthenticate, false},
    {"Proxy-Authorization", HeaderId::ProxyAuthorization, false},
    {"Proxy-Require", HeaderId::ProxyRequire, true},
    {"Reason", HeaderId::Reason, true},
    {"Record-Route", HeaderId::RecordRoute, true},
    {"Refer-To", HeaderId::ReferTo, false},
    {"Referred-By", HeaderId::ReferredBy, false},
    {"Reject-Contact", HeaderId::RejectContact, true},
    {"Reply-To", HeaderId::ReplyTo, false},
    {"Request-Disposition", HeaderId::RequestDisposition, true},
    {"Require", HeaderId::Require, true},
    {"Retry-After", HeaderId::RetryAfter, false},
    {"Route", HeaderId::Route, true},
    {"Server", HeaderId::Server, false},
    {"Service-Route", HeaderId::ServiceRoute, true},
    {"Session-Expires", HeaderId::SessionExpires, false},
    {"SIP-ETag", HeaderId::SipETag, false},
    {"SIP-If-Match", HeaderId::SipIfMatch, false},
    {"Subject", HeaderId::Subject, false},
    {"Subscription-State", HeaderId::SubscriptionState, false},
    {"Supported", HeaderId::Supported, true},
    {"Timestamp", HeaderId::Timestamp, false},
    {"To", HeaderId::To, false},
    {"Unsupported", HeaderId::Unsupported, true},
    {"User-Agent", HeaderId::UserAgent, false},
    {"Via", HeaderId::Via, true},
    {"Warning", HeaderId::Warning, true},
    {"WWW-Authenticate", HeaderId::WwwAuthenticate, false},
}};

constexpr bool in_id_order() {
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    if (static_cast<std::size_t>(kHeaders[i].id) != i + 1) return false;
  }
  return static_cast<std::size_t>(HeaderId::WwwAuthenticate) == kHeaders.size();
}
static_assert(in_id_order(), "kHeaders must list every HeaderId in enum order");

// Compact forms: RFC 3261 §7.3.3, RFC 3265 (o, u), RFC 3515 (r), RFC 3892 (b),
// RFC 3841 (a, j, d), RFC 4028 (x), RFC 4474 (y, n).
HeaderId compact(char c) noexcept {
  switch (grammar::to_lower(c)) {
    case 'a': return HeaderId::AcceptContact;
    case 'b': return HeaderId::ReferredBy;
    case 'c': return HeaderId::ContentType;
    case 'd': return HeaderId::RequestDisposition;
    case 'e': return HeaderId::ContentEncoding;
    case 'f': return HeaderId::From;
    case 'i': return HeaderId::CallId;
    case 'j': return HeaderId::RejectContact;
    case 'k': return HeaderId::Supported;
    case 'l': return HeaderId::ContentLength;
    case 'm': return HeaderId::Contact;
    case 'n': return HeaderId::IdentityInfo;
    case 'o': return HeaderId::Event;
    case 'r': return HeaderId::ReferTo;
    case 's': return HeaderId::Subject;
    case 't': return HeaderId::To;
    case 'u': return HeaderId::AllowEvents;
    case 'v': return HeaderId::Via;
    case 'x': return HeaderId::SessionExpires;
    case 'y': return HeaderId::Identity;
    default: return HeaderId::Unknown;
  }
}

// Entry indices grouped by name length, so a lookup compares a few names only.
constexpr std::size_t kMaxName = 26;
struct ByLength {
  std::array<std::array<std::uint8_t, 12>, kMaxName + 1> index{};
  std::array<std::uint8_t, kMaxName + 1> count{};
  constexpr ByLength() {
    for (std::size_t i = 0; i < kHeaders.size(); ++i) {
      const std::size_t len = kHeaders[i].name.size();
      index[len][count[len]++] = static_cast<std::uint8_t>(i);
    }
  }
};
constexpr ByLength kByLength{};
static_assert([] {
  for (const Entry& e : kHeaders) {
    if (e.name.size() > kMaxName) return false;
  }
  for (std::uint8_t c : kByLength.count) {
    if (c > 12) return false;
  }
  return true;
}(), "header name table does not fit the length index");

}  // namespace

HeaderId header_id(std::string_view name) noexcept {
  if (name.size() == 1) return compact(name[0]);
  if (name.size() > kMaxName) return HeaderId::Unknown;
  const char first = grammar::to_lower(name[0]);
  for (std::size_t k = 0; k < kByLength.count[name.size()]; ++k) {
    const Entry& e = kHeaders[kByLength.index[name.size()][k]];
    if (grammar::to_lower(e.name[0]) == first && grammar::iequals(e.name, name)) return e.id;
  }
  return HeaderId::Unknown;
}

std::string_view canonical_name(HeaderId id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  if (i == 0 || i > kHeaders.size()) return {};
  return kHeaders[i - 1].name;
}

bool is_list_header(HeaderId id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  if (i == 0 || i > kHeaders.size()) return false;
  return kHeaders[i - 1].list;
}

}  // namespace credsvc::sip
