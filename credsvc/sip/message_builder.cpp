#include "sip/message_builder.hpp"

#include <stdexcept>

#include "sip/grammar.hpp"
#include "sip/reason_phrase.hpp"

namespace credsvc::sip {
namespace {

void check_line_safe(std::string_view text, const char* what) {
  if (grammar::contains_either(text, '\r', '\n')) {
    throw std::invalid_argument(std::string("sip: ") + what + " contains CR or LF");
  }
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

MessageBuilder MessageBuilder::request(std::string_view method, std::string_view request_uri) {
  if (!grammar::is_token(method)) throw std::invalid_argument("sip: method is not a token");
  if (request_uri.empty() || grammar::contains_either(request_uri, ' ', '\t')) {
    throw std::invalid_argument("sip: Request-URI is empty or holds white space");
  }
  check_line_safe(request_uri, "Request-URI");
  MessageBuilder b;
  b.start_.reserve(method.size() + request_uri.size() + 12);
  b.start_ += method;
  b.start_ += ' ';
  b.start_ += request_uri;
  b.start_ += " SIP/2.0\r\n";
  return b;
}

MessageBuilder MessageBuilder::request(Method method, const Uri& request_uri) {
  if (method == Method::Extension) throw std::invalid_argument("sip: extension method needs its name");
  return request(method_name(method), to_string(request_uri));
}

MessageBuilder MessageBuilder::response(int status, std::string_view reason) {
  if (status < 100 || status > 699) throw std::invalid_argument("sip: status code out of range");
  if (reason.empty()) reason = default_reason_phrase(status);
  check_line_safe(reason, "reason phrase");
  MessageBuilder b;
  b.start_ = "SIP/2.0 " + std::to_string(status) + " ";
  b.start_ += reason;
  b.start_ += "\r\n";
  return b;
}

MessageBuilder& MessageBuilder::add(HeaderId id, std::string_view value) {
  if (id == HeaderId::Unknown) throw std::invalid_argument("sip: unknown header id");
  return add(canonical_name(id), value);
}

MessageBuilder& MessageBuilder::add(std::string_view name, std::string_view value) {
  if (!grammar::is_token(name)) throw std::invalid_argument("sip: header name is not a token");
  check_line_safe(value, "header value");
  if (header_id(name) == HeaderId::ContentLength) return *this;  // computed by build()
  append_header(headers_, name, value);
  return *this;
}

MessageBuilder& MessageBuilder::body(std::string_view content_type, std::string_view content) {
  if (!content_type.empty()) add(HeaderId::ContentType, content_type);
  body_ = std::string(content);
  return *this;
}

std::string MessageBuilder::build() const {
  std::string out;
  out.reserve(start_.size() + headers_.size() + body_.size() + 24);
  out += start_;
  out += headers_;
  out += "Content-Length: ";
  out += std::to_string(body_.size());
  out += "\r\n\r\n";
  out += body_;
  return out;
}

namespace {

// Where the wire text of a parsed message is already in serialized form, it is
// copied in runs rather than rebuilt piece by piece. A header line qualifies
// when its name is the canonical one (or unknown) and ": " separates name and
// value; the next qualifying line extends the run when only a CRLF lies
// between them (so trimmed white space is never copied). The checks compare
// positions inside the message's one buffer, between views it holds, so they
// read no byte outside those views' span.
bool verbatim_field(const HeaderField& f) noexcept {
  const char* name_end = f.name.data() + f.name.size();
  if (f.value.data() - name_end != 2 || name_end[0] != ':' || name_end[1] != ' ') return false;
  return f.id == HeaderId::Unknown || f.exact_name;
}

// `next` starts the line after the one whose value ends at `end`.
bool follows(const char* end, const HeaderField& next) noexcept {
  return next.name.data() - end == 2 && end[0] == '\r' && end[1] == '\n';
}

}  // namespace

std::string serialize(const Message& msg) {
  std::string out;
  std::size_t estimate = msg.body().size() + 64 + msg.request_uri_text().size() + msg.reason().size();
  for (const HeaderField& f : msg.fields()) estimate += f.name.size() + f.value.size() + 24;
  out.reserve(estimate);
  const std::vector<HeaderField>& fields = msg.fields();
  // The verbatim wire text not yet copied: [run_start, run_end); `in_line`
  // when it ends with a header value, whose CRLF is still to be written.
  const char* run_start = nullptr;
  const char* run_end = nullptr;
  bool in_line = false;
  if (msg.is_request()) {
    const std::string_view method = msg.method_name();
    const std::string_view uri = msg.request_uri_text();
    const char* uri_end = uri.data() + uri.size();
    static constexpr std::string_view kLineEnd = " SIP/2.0\r\n";
    if (!uri.empty() && !fields.empty() && uri.data() - (method.data() + method.size()) == 1 &&
        fields.front().name.data() - uri_end == static_cast<std::ptrdiff_t>(kLineEnd.size()) &&
        std::string_view(uri_end, kLineEnd.size()) == kLineEnd) {
      // The request line as received is already canonical: the run starts there.
      run_start = method.data();
      run_end = uri_end + kLineEnd.size();
    } else {
      out += method;
      out += ' ';
      out += uri;
      out += " SIP/2.0\r\n";
    }
  } else {
    out += "SIP/2.0 ";
    out += std::to_string(msg.status());
    out += ' ';
    out += msg.reason();
    out += "\r\n";
  }
  auto flush = [&] {
    if (run_start == nullptr) return;
    out.append(run_start, static_cast<std::size_t>(run_end - run_start));
    if (in_line) out += "\r\n";
    run_start = nullptr;
  };
  for (const HeaderField& f : fields) {
    if (f.id == HeaderId::ContentLength) {
      flush();
      continue;
    }
    if (verbatim_field(f)) {
      const bool extends = run_start != nullptr && (in_line ? follows(run_end, f) : f.name.data() == run_end);
      if (!extends) {
        flush();
        run_start = f.name.data();
      }
      run_end = f.value.data() + f.value.size();
      in_line = true;
      continue;
    }
    flush();
    append_header(out, f.id == HeaderId::Unknown ? f.name : canonical_name(f.id), f.value);
  }
  flush();
  out += "Content-Length: ";
  out += std::to_string(msg.body().size());
  out += "\r\n\r\n";
  out += msg.body();
  return out;
}

MessageBuilder make_response(const Message& request, int status, std::string_view reason,
                             std::string_view to_tag) {
  MessageBuilder b = MessageBuilder::response(status, reason);
  for (const HeaderField& f : request.fields()) {
    if (f.id == HeaderId::Via) b.add(HeaderId::Via, f.value);
  }
  if (auto from = request.header(HeaderId::From)) b.add(HeaderId::From, *from);
  if (auto to = request.header(HeaderId::To)) {
    // After a failed parse To may be unparsed: look at the raw value then, and
    // add no tag to a To that cannot be read.
    bool tagged = true;
    if (request.to() != nullptr) {
      tagged = request.to()->params.has("tag");
    } else if (auto na = parse_name_addr(*to)) {
      tagged = na->params.has("tag");
    }
    if (!tagged && !to_tag.empty()) {
      if (!grammar::is_token(to_tag)) throw std::invalid_argument("sip: To tag is not a token");
      b.add(HeaderId::To, std::string(*to) + ";tag=" + std::string(to_tag));
    } else {
      b.add(HeaderId::To, *to);
    }
  }
  if (auto call_id = request.header(HeaderId::CallId)) b.add(HeaderId::CallId, *call_id);
  if (auto cseq = request.header(HeaderId::CSeq)) b.add(HeaderId::CSeq, *cseq);
  if (status == 100) {
    if (auto ts = request.header(HeaderId::Timestamp)) b.add(HeaderId::Timestamp, *ts);  // §8.2.6.1
  }
  return b;
}

}  // namespace credsvc::sip
