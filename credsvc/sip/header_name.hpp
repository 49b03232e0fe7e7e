#pragma once
// Header field names: canonical spelling, compact forms and which headers take
// comma-separated lists. Names compare case-insensitively (RFC 3261 §7.3.1).

#include <cstdint>
#include <string_view>

namespace credsvc::sip {

enum class HeaderId : std::uint8_t {
  Unknown,
  Accept, AcceptContact, AcceptEncoding, AcceptLanguage, AlertInfo, Allow, AllowEvents,
  AuthenticationInfo, Authorization, CallId, CallInfo, Contact, ContentDisposition,
  ContentEncoding, ContentLanguage, ContentLength, ContentTransferEncoding, ContentType, CSeq,
  Date, ErrorInfo, Event, Expires, From, Identity, IdentityInfo, InReplyTo, MaxForwards,
  MimeVersion, MinExpires, Organization, Path, Priority, ProxyAuthenticate, ProxyAuthorization,
  ProxyRequire, Reason, RecordRoute, ReferTo, ReferredBy, RejectContact, ReplyTo,
  RequestDisposition, Require, RetryAfter, Route, Server, ServiceRoute, SessionExpires, SipETag,
  SipIfMatch, Subject, SubscriptionState, Supported, Timestamp, To, Unsupported, UserAgent, Via,
  Warning, WwwAuthenticate,
};

// Resolves a header name as received (any case, compact form) to its id.
HeaderId header_id(std::string_view name) noexcept;
// The same; `exact` tells whether `name` is spelled as canonical_name(id).
HeaderId header_id(std::string_view name, bool& exact) noexcept;
// "Call-ID", "CSeq", "WWW-Authenticate", ...; empty for HeaderId::Unknown.
std::string_view canonical_name(HeaderId id) noexcept;
// True where the header grammar is a comma-separated list (Via, Contact,
// Allow, ...). False for Date, Authorization, WWW-Authenticate and the like,
// whose values contain commas that are not separators.
bool is_list_header(HeaderId id) noexcept;

}  // namespace credsvc::sip
