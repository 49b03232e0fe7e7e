#include "identity/digest_string.hpp"

#include <charconv>

#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::identity {
namespace {

namespace g = sip::grammar;

template <class T>
sip::Result<T> fail(std::string why) {
  return sip::Result<T>::failure(std::move(why));
}

}  // namespace

DigestPieces digest_pieces(const DigestStringParts& p, std::array<char, 10>& number_buffer) noexcept {
  std::string_view number = p.cseq_number_text;
  if (number.empty()) {
    const auto r = std::to_chars(number_buffer.data(), number_buffer.data() + number_buffer.size(), p.cseq_number);
    number = std::string_view(number_buffer.data(), static_cast<std::size_t>(r.ptr - number_buffer.data()));
  }
  return {p.from_addr_spec, "|", p.to_addr_spec, "|", p.call_id, "|", number, " ", p.cseq_method, "|",
          p.date,           "|", p.contact_addr_spec, "|", p.body};
}

std::string digest_string(const DigestStringParts& parts) {
  std::array<char, 10> buffer{};
  const DigestPieces pieces = digest_pieces(parts, buffer);
  std::size_t size = 0;
  for (std::string_view s : pieces) size += s.size();
  std::string out;
  out.reserve(size);
  for (std::string_view s : pieces) out.append(s);
  return out;
}

std::string_view raw_addr_spec(std::string_view element) noexcept {
  const std::string_view v = g::trim(element);
  bool in_quote = false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (in_quote) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_quote = false;
      }
      continue;
    }
    if (c == '"') {
      in_quote = true;
    } else if (c == '<') {
      const std::size_t close = v.find('>', i + 1);
      if (close == std::string_view::npos) return {};
      return g::trim(v.substr(i + 1, close - i - 1));
    }
  }
  if (in_quote) return {};
  // addr-spec form: a URI with ';', ',' or '?' must be bracketed (RFC 3261
  // §20.10), so the first ';' starts the header parameters.
  return g::trim(v.substr(0, v.find(';')));
}

sip::Result<DigestStringParts> digest_parts(const sip::Message& msg) {
  using R = DigestStringParts;
  DigestStringParts p;

  const auto from = msg.header(sip::HeaderId::From);
  if (!from || msg.from() == nullptr) return fail<R>("From header missing or malformed");
  p.from_addr_spec = raw_addr_spec(*from);
  if (p.from_addr_spec.empty() || !sip::parse_uri(p.from_addr_spec)) return fail<R>("From header malformed");

  const auto to = msg.header(sip::HeaderId::To);
  if (!to || msg.to() == nullptr) return fail<R>("To header missing or malformed");
  p.to_addr_spec = raw_addr_spec(*to);
  if (p.to_addr_spec.empty() || !sip::parse_uri(p.to_addr_spec)) return fail<R>("To header malformed");

  const auto call_id = msg.call_id();
  if (!call_id || call_id->empty()) return fail<R>("Call-ID header missing");
  p.call_id = *call_id;

  // CSeq digits and method as received (RFC 4474 §9: "1*DIGIT SP Method",
  // one space whatever LWS the header had).
  const auto cseq = msg.header(sip::HeaderId::CSeq);
  if (!cseq || msg.cseq() == nullptr) return fail<R>("CSeq header missing or malformed");
  {
    const std::string_view v = g::trim(*cseq);
    std::size_t i = 0;
    while (i < v.size() && g::is_digit(v[i])) ++i;
    p.cseq_number_text = v.substr(0, i);
    p.cseq_method = g::trim(v.substr(i));
    if (p.cseq_number_text.empty() || p.cseq_method.empty()) return fail<R>("CSeq header malformed");
    p.cseq_number = msg.cseq()->number;
  }

  if (msg.count(sip::HeaderId::Date) > 1) return fail<R>("more than one Date header");
  const auto date = msg.header(sip::HeaderId::Date);
  if (!date || date->empty()) return fail<R>("Date header missing");
  p.date = *date;

  const std::vector<std::string_view> contacts = msg.list(sip::HeaderId::Contact);
  if (msg.count(sip::HeaderId::Contact) > 0 && contacts.empty()) return fail<R>("Contact header malformed");
  if (contacts.size() > 1) return fail<R>("more than one Contact");
  if (contacts.size() == 1) {
    p.contact_addr_spec = raw_addr_spec(contacts.front());
    if (p.contact_addr_spec.empty() || !sip::parse_uri(p.contact_addr_spec)) {
      return fail<R>("Contact header malformed");
    }
  }

  p.body = msg.body();
  return p;
}

sip::Result<std::string> digest_string(const sip::Message& msg) {
  auto parts = digest_parts(msg);
  if (!parts) return fail<std::string>(parts.error());
  return digest_string(*parts);
}

}  // namespace credsvc::identity
