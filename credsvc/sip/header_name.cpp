#include "sip/header_name.hpp"

#include <array>
#include <cstdint>
#include <cstring>

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

// Entry indices by name length and initial (case-folded): a lookup compares
// one or two names. Slots hold index + 1; 0 is empty.
constexpr std::size_t kMaxName = 26;
constexpr std::size_t bucket_of(std::size_t length, char initial) noexcept {
  return length * 32 + (static_cast<unsigned char>(initial) & 31);
}
struct ByLengthAndInitial {
  std::array<std::array<std::uint8_t, 2>, (kMaxName + 1) * 32> slots{};
  bool overflow = false;
  constexpr ByLengthAndInitial() {
    for (std::size_t i = 0; i < kHeaders.size(); ++i) {
      const std::string_view name = kHeaders[i].name;
      if (name.size() > kMaxName) {
        overflow = true;
        continue;
      }
      auto& slot = slots[bucket_of(name.size(), name[0])];
      if (slot[0] == 0) {
        slot[0] = static_cast<std::uint8_t>(i + 1);
      } else if (slot[1] == 0) {
        slot[1] = static_cast<std::uint8_t>(i + 1);
      } else {
        overflow = true;
      }
    }
  }
};
constexpr ByLengthAndInitial kIndex{};
static_assert(!kIndex.overflow, "header name table does not fit the length/initial index");

template <class Word>
Word load(const char* p) noexcept {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// a[0, n) == b[0, n) for a short n, in two overlapping loads of the widest
// word that fits (longer names loop over 8-byte words): cheaper than calling
// memcmp for the dozen names of every message.
bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load<std::uint64_t>(a + i) != load<std::uint64_t>(b + i)) return false;
    }
    return load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
  }
  if (n >= 4) {
    return load<std::uint32_t>(a) == load<std::uint32_t>(b) &&
           load<std::uint32_t>(a + n - 4) == load<std::uint32_t>(b + n - 4);
  }
  if (n >= 2) {
    return load<std::uint16_t>(a) == load<std::uint16_t>(b) &&
           load<std::uint16_t>(a + n - 2) == load<std::uint16_t>(b + n - 2);
  }
  return n == 0 || a[0] == b[0];
}

// 0: different names; 1: the same name in another case; 2: identical.
// `canonical` and `name` have the same length.
int compare_name(std::string_view canonical, std::string_view name) noexcept {
  if (same_bytes(canonical.data(), name.data(), name.size())) return 2;  // the usual spelling
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (grammar::to_lower(canonical[i]) != grammar::to_lower(name[i])) return 0;
  }
  return 1;
}

}  // namespace

HeaderId header_id(std::string_view name, bool& exact) noexcept {
  exact = false;
  if (name.size() == 1) return compact(name[0]);
  if (name.empty() || name.size() > kMaxName) return HeaderId::Unknown;
  for (std::uint8_t slot : kIndex.slots[bucket_of(name.size(), name[0])]) {
    if (slot == 0) break;
    const Entry& e = kHeaders[slot - 1];
    if (const int c = compare_name(e.name, name); c != 0) {
      exact = c == 2;
      return e.id;
    }
  }
  return HeaderId::Unknown;
}

HeaderId header_id(std::string_view name) noexcept {
  bool exact = false;
  return header_id(name, exact);
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
