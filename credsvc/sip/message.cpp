#include "sip/message.hpp"

#include "sip/date_header.hpp"
#include "sip/grammar.hpp"
#include "sip/token_headers.hpp"

namespace credsvc::sip {
namespace {

std::string malformed(HeaderId id) { return "Malformed " + std::string(canonical_name(id)) + " header"; }
std::string duplicate(HeaderId id) { return "Duplicate " + std::string(canonical_name(id)) + " header"; }

}  // namespace

std::optional<std::string_view> Message::header(HeaderId id) const noexcept {
  for (const HeaderField& f : fields_) {
    if (f.id == id) return f.value;
  }
  return std::nullopt;
}

std::optional<std::string_view> Message::header(std::string_view name) const noexcept {
  const HeaderId id = header_id(name);
  if (id != HeaderId::Unknown) return header(id);
  for (const HeaderField& f : fields_) {
    if (f.id == HeaderId::Unknown && grammar::iequals(f.name, name)) return f.value;
  }
  return std::nullopt;
}

std::vector<std::string_view> Message::headers(HeaderId id) const {
  std::vector<std::string_view> out;
  for (const HeaderField& f : fields_) {
    if (f.id == id) out.push_back(f.value);
  }
  return out;
}

std::vector<std::string_view> Message::headers(std::string_view name) const {
  const HeaderId id = header_id(name);
  if (id != HeaderId::Unknown) return headers(id);
  std::vector<std::string_view> out;
  for (const HeaderField& f : fields_) {
    if (f.id == HeaderId::Unknown && grammar::iequals(f.name, name)) out.push_back(f.value);
  }
  return out;
}

std::size_t Message::count(HeaderId id) const noexcept {
  std::size_t n = 0;
  for (const HeaderField& f : fields_) n += f.id == id ? 1 : 0;
  return n;
}

std::vector<std::string_view> Message::list(HeaderId id) const {
  std::vector<std::string_view> out;
  for (const HeaderField& f : fields_) {
    if (f.id != id) continue;
    if (!is_list_header(id)) {
      out.push_back(f.value);
      continue;
    }
    grammar::ListSplitter split(f.value);
    std::string_view element;
    bool bad = false;
    while (split.next(element, bad)) {
      if (bad) return {};
      if (!element.empty()) out.push_back(element);
    }
  }
  return out;
}

namespace {

// A single-valued header parsed with `parse` (a function returning Result<T>).
template <class T, class F>
Result<std::optional<T>> single(const Message& m, HeaderId id, F parse) {
  using R = Result<std::optional<T>>;
  std::optional<std::string_view> value;
  for (const HeaderField& f : m.fields()) {
    if (f.id != id) continue;
    if (value) return R::failure(duplicate(id));
    value = f.value;
  }
  if (!value) return std::optional<T>{};
  auto parsed = parse(*value);
  if (!parsed) return R::failure(malformed(id));
  return std::optional<T>(std::move(parsed).value());
}

// A list header: each line parsed with `parse` (returning Result<std::vector<T>>).
template <class T, class F>
Result<std::vector<T>> joined(const Message& m, HeaderId id, F parse) {
  std::vector<T> out;
  for (const HeaderField& f : m.fields()) {
    if (f.id != id) continue;
    auto parsed = parse(f.value);
    if (!parsed) return Result<std::vector<T>>::failure(malformed(id));
    for (auto& item : *parsed) out.push_back(std::move(item));
  }
  return out;
}

// A header that may repeat but is not a comma list (Authorization...).
template <class T, class F>
Result<std::vector<T>> each_line(const Message& m, HeaderId id, F parse) {
  std::vector<T> out;
  for (const HeaderField& f : m.fields()) {
    if (f.id != id) continue;
    auto parsed = parse(f.value);
    if (!parsed) return Result<std::vector<T>>::failure(malformed(id));
    out.push_back(std::move(parsed).value());
  }
  return out;
}

}  // namespace

Result<ContactList> Message::contacts() const {
  ContactList out;
  bool any = false;
  for (const HeaderField& f : fields_) {
    if (f.id != HeaderId::Contact) continue;
    auto parsed = parse_contact(f.value, buffer_);
    if (!parsed) return Result<ContactList>::failure(malformed(HeaderId::Contact));
    // "*" stands alone (RFC 3261 §10.2.2).
    if (parsed->star && (any || out.star)) return Result<ContactList>::failure(malformed(HeaderId::Contact));
    if (!parsed->star && out.star) return Result<ContactList>::failure(malformed(HeaderId::Contact));
    out.star = out.star || parsed->star;
    for (auto& c : parsed->contacts) out.contacts.push_back(std::move(c));
    any = true;
  }
  return out;
}

Result<std::vector<NameAddr>> Message::routes() const {
  return joined<NameAddr>(*this, HeaderId::Route,
                          [this](std::string_view v) { return parse_name_addr_list(v, buffer_); });
}
Result<std::vector<NameAddr>> Message::record_routes() const {
  return joined<NameAddr>(*this, HeaderId::RecordRoute,
                          [this](std::string_view v) { return parse_name_addr_list(v, buffer_); });
}
Result<std::optional<std::uint32_t>> Message::expires() const {
  return single<std::uint32_t>(*this, HeaderId::Expires, parse_delta_seconds);
}
Result<std::optional<std::uint32_t>> Message::min_expires() const {
  return single<std::uint32_t>(*this, HeaderId::MinExpires, parse_delta_seconds);
}
Result<std::optional<EventHeader>> Message::event() const {
  return single<EventHeader>(*this, HeaderId::Event, parse_event);
}
Result<std::optional<SubscriptionState>> Message::subscription_state() const {
  return single<SubscriptionState>(*this, HeaderId::SubscriptionState, parse_subscription_state);
}
Result<std::vector<std::string>> Message::allow() const {
  return joined<std::string>(*this, HeaderId::Allow, parse_token_list);
}
Result<std::vector<std::string>> Message::allow_events() const {
  return joined<std::string>(*this, HeaderId::AllowEvents, parse_event_type_list);
}
Result<std::vector<std::string>> Message::supported() const {
  return joined<std::string>(*this, HeaderId::Supported, parse_token_list);
}
Result<std::vector<std::string>> Message::require() const {
  return joined<std::string>(*this, HeaderId::Require, parse_token_list);
}
Result<std::vector<std::string>> Message::proxy_require() const {
  return joined<std::string>(*this, HeaderId::ProxyRequire, parse_token_list);
}
Result<std::vector<std::string>> Message::unsupported() const {
  return joined<std::string>(*this, HeaderId::Unsupported, parse_token_list);
}
Result<std::vector<MediaType>> Message::accept() const {
  return joined<MediaType>(*this, HeaderId::Accept, parse_accept);
}
Result<std::optional<std::string>> Message::sip_etag() const {
  return single<std::string>(*this, HeaderId::SipETag, parse_entity_tag);
}
Result<std::optional<std::string>> Message::sip_if_match() const {
  return single<std::string>(*this, HeaderId::SipIfMatch, parse_entity_tag);
}
Result<std::vector<AuthHeader>> Message::authorization() const {
  return each_line<AuthHeader>(*this, HeaderId::Authorization, parse_auth_header);
}
Result<std::vector<AuthHeader>> Message::proxy_authorization() const {
  return each_line<AuthHeader>(*this, HeaderId::ProxyAuthorization, parse_auth_header);
}
Result<std::vector<AuthHeader>> Message::www_authenticate() const {
  return each_line<AuthHeader>(*this, HeaderId::WwwAuthenticate, parse_auth_header);
}
Result<std::vector<AuthHeader>> Message::proxy_authenticate() const {
  return each_line<AuthHeader>(*this, HeaderId::ProxyAuthenticate, parse_auth_header);
}
Result<std::optional<IdentityHeader>> Message::identity() const {
  return single<IdentityHeader>(*this, HeaderId::Identity, parse_identity);
}
Result<std::optional<IdentityInfo>> Message::identity_info() const {
  return single<IdentityInfo>(*this, HeaderId::IdentityInfo, parse_identity_info);
}
Result<std::optional<std::chrono::system_clock::time_point>> Message::date() const {
  return single<std::chrono::system_clock::time_point>(*this, HeaderId::Date, parse_date);
}
Result<std::vector<Warning>> Message::warnings() const {
  return joined<Warning>(*this, HeaderId::Warning, parse_warning);
}
Result<std::optional<MediaType>> Message::content_type() const {
  return single<MediaType>(*this, HeaderId::ContentType, parse_media_type);
}
Result<std::optional<ContentDisposition>> Message::content_disposition() const {
  return single<ContentDisposition>(*this, HeaderId::ContentDisposition, parse_content_disposition);
}
Result<std::optional<RetryAfter>> Message::retry_after() const {
  return single<RetryAfter>(*this, HeaderId::RetryAfter, parse_retry_after);
}

}  // namespace credsvc::sip
