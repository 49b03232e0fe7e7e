#pragma once
// A parsed SIP message (RFC 3261 §7). The message shares its received bytes;
// header names and values are views into them, so a Message and its copies
// keep the buffer alive. The parsed values (Uri, NameAddr, Via) view the same
// bytes and hold a share of them, so they may be copied out and kept. The
// headers every transaction needs (Via, From, To, CSeq, Call-ID, Max-Forwards,
// Content-Length) and the Request-URI are parsed once by parse_message; every
// other typed accessor parses on demand and reports a 400-ready reason
// ("Malformed Expires header") on failure.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/auth_headers.hpp"
#include "sip/cseq.hpp"
#include "sip/event_headers.hpp"
#include "sip/header_name.hpp"
#include "sip/identity_headers.hpp"
#include "sip/media_type.hpp"
#include "sip/method.hpp"
#include "sip/name_addr.hpp"
#include "sip/numeric_headers.hpp"
#include "sip/result.hpp"
#include "sip/shared_text.hpp"
#include "sip/uri.hpp"
#include "sip/via.hpp"
#include "sip/warning.hpp"

namespace credsvc::sip {

struct HeaderField {
  HeaderId id = HeaderId::Unknown;
  std::string_view name;   // as received ("v", "ViA", "NewFangledHeader")
  std::string_view value;  // trimmed; folded lines are joined by spaces
  bool exact_name = false; // `name` is spelled exactly as canonical_name(id)
};

class Message {
 public:
  Message() = default;

  [[nodiscard]] bool is_request() const noexcept { return request_; }
  [[nodiscard]] bool is_response() const noexcept { return !request_; }

  // Requests.
  [[nodiscard]] Method method() const noexcept { return method_; }
  [[nodiscard]] std::string_view method_name() const noexcept { return method_name_; }
  [[nodiscard]] std::string_view request_uri_text() const noexcept { return request_uri_text_; }
  [[nodiscard]] const Uri& request_uri() const noexcept { return request_uri_; }

  // Responses.
  [[nodiscard]] int status() const noexcept { return status_; }
  [[nodiscard]] std::string_view reason() const noexcept { return reason_; }

  // Raw header access. Lookups by name accept any case and compact forms.
  [[nodiscard]] const std::vector<HeaderField>& fields() const noexcept { return fields_; }
  [[nodiscard]] std::optional<std::string_view> header(HeaderId id) const noexcept;
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept;
  [[nodiscard]] std::vector<std::string_view> headers(HeaderId id) const;
  [[nodiscard]] std::vector<std::string_view> headers(std::string_view name) const;
  [[nodiscard]] std::size_t count(HeaderId id) const noexcept;
  // Every element of a list header across all its lines, split at top-level
  // commas (for non-list headers: one element per line). Empty on a malformed list.
  [[nodiscard]] std::vector<std::string_view> list(HeaderId id) const;

  [[nodiscard]] std::string_view body() const noexcept { return body_; }

  // Parsed by parse_message.
  [[nodiscard]] const std::vector<Via>& vias() const noexcept { return vias_; }
  [[nodiscard]] const Via* top_via() const noexcept { return vias_.empty() ? nullptr : &vias_.front(); }
  [[nodiscard]] const NameAddr* from() const noexcept { return from_ ? &*from_ : nullptr; }
  [[nodiscard]] const NameAddr* to() const noexcept { return to_ ? &*to_ : nullptr; }
  [[nodiscard]] const CSeq* cseq() const noexcept { return cseq_ ? &*cseq_ : nullptr; }
  [[nodiscard]] std::optional<std::string_view> call_id() const noexcept { return call_id_; }
  [[nodiscard]] std::optional<std::uint32_t> max_forwards() const noexcept { return max_forwards_; }
  [[nodiscard]] std::optional<std::uint64_t> content_length() const noexcept { return content_length_; }

  // Parsed on demand. A Result<std::optional<T>> is ok and empty when the
  // header is absent; a single-valued header present twice is an error.
  [[nodiscard]] Result<ContactList> contacts() const;
  [[nodiscard]] Result<std::vector<NameAddr>> routes() const;
  [[nodiscard]] Result<std::vector<NameAddr>> record_routes() const;
  [[nodiscard]] Result<std::optional<std::uint32_t>> expires() const;
  [[nodiscard]] Result<std::optional<std::uint32_t>> min_expires() const;
  [[nodiscard]] Result<std::optional<EventHeader>> event() const;
  [[nodiscard]] Result<std::optional<SubscriptionState>> subscription_state() const;
  [[nodiscard]] Result<std::vector<std::string>> allow() const;
  [[nodiscard]] Result<std::vector<std::string>> allow_events() const;
  [[nodiscard]] Result<std::vector<std::string>> supported() const;
  [[nodiscard]] Result<std::vector<std::string>> require() const;
  [[nodiscard]] Result<std::vector<std::string>> proxy_require() const;
  [[nodiscard]] Result<std::vector<std::string>> unsupported() const;
  [[nodiscard]] Result<std::vector<MediaType>> accept() const;
  [[nodiscard]] Result<std::optional<std::string>> sip_etag() const;
  [[nodiscard]] Result<std::optional<std::string>> sip_if_match() const;
  [[nodiscard]] Result<std::vector<AuthHeader>> authorization() const;
  [[nodiscard]] Result<std::vector<AuthHeader>> proxy_authorization() const;
  [[nodiscard]] Result<std::vector<AuthHeader>> www_authenticate() const;
  [[nodiscard]] Result<std::vector<AuthHeader>> proxy_authenticate() const;
  [[nodiscard]] Result<std::optional<IdentityHeader>> identity() const;
  [[nodiscard]] Result<std::optional<IdentityInfo>> identity_info() const;
  [[nodiscard]] Result<std::optional<std::chrono::system_clock::time_point>> date() const;
  [[nodiscard]] Result<std::vector<Warning>> warnings() const;
  [[nodiscard]] Result<std::optional<MediaType>> content_type() const;
  [[nodiscard]] Result<std::optional<ContentDisposition>> content_disposition() const;
  [[nodiscard]] Result<std::optional<RetryAfter>> retry_after() const;

 private:
  friend class MessageParser;

  SharedText buffer_;
  bool request_ = true;
  Method method_ = Method::Extension;
  std::string_view method_name_;
  std::string_view request_uri_text_;
  Uri request_uri_;
  int status_ = 0;
  std::string_view reason_;
  std::vector<HeaderField> fields_;
  std::string_view body_;

  std::vector<Via> vias_;
  std::optional<NameAddr> from_;
  std::optional<NameAddr> to_;
  std::optional<CSeq> cseq_;
  std::optional<std::string_view> call_id_;
  std::optional<std::uint32_t> max_forwards_;
  std::optional<std::uint64_t> content_length_;
};

}  // namespace credsvc::sip
