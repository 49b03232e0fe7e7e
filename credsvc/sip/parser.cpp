#include "sip/parser.hpp"

#include <bit>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sip/grammar.hpp"
#include "sip/token_headers.hpp"

namespace credsvc::sip {

namespace {

// The first CR or LF in [p, end), or `end`. Header lines are short, so one
// pass testing for both, sixteen bytes at a time, beats two memchr calls.
const char* find_line_break(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, cr), _mm_cmpeq_epi8(chunk, lf))));
    if (hits != 0) return p + std::countr_zero(hits);
    p += 16;
  }
#endif
  while (p < end && *p != '\r' && *p != '\n') ++p;
  return p;
}

}  // namespace

int ParseResult::response_status() const noexcept {
  switch (kind) {
    case ParseErrorKind::Malformed: return 400;
    case ParseErrorKind::UnsupportedVersion: return 505;
    case ParseErrorKind::None:
    case ParseErrorKind::Unframeable: break;
  }
  return 0;
}

class MessageParser {
 public:
  // `data` (`size` bytes) is the buffer `owner` shares; it is mutable only
  // here: folding is undone in place before the Message publishes it as const.
  MessageParser(char* data, std::size_t size, SharedText owner, const ParseLimits& limits)
      : data_(data), size_(size), owner_(std::move(owner)), limits_(limits) {}

  ParseResult run() {
    ParseResult r;
    Message& m = r.msg;
    m.buffer_ = owner_;
    // On failure the message keeps what was parsed before the fault, so the
    // server can still copy Via/From/To/Call-ID/CSeq into its 400 or 505.
    if (!start_line(m, r)) {
      if (r.kind != ParseErrorKind::UnsupportedVersion) return r;
      // Collect the headers for the 505; the version error wins over later ones.
      ParseResult rest;
      if (header_lines(m, rest) && content_length(m, rest)) {
        core_headers(m, rest);
        r.consumed = rest.consumed;
      }
      return r;
    }
    if (!header_lines(m, r) || !content_length(m, r)) return r;
    core_headers(m, r);
    return r;
  }

 private:
  static bool fail(ParseResult& r, ParseErrorKind kind, std::string reason) {
    r.kind = kind;
    r.reason = std::move(reason);
    return false;
  }

  static bool is_sip_version_like(std::string_view v) noexcept {
    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive, §7.1)
    if (v.size() < 7 || !grammar::iequals(v.substr(0, 4), "SIP/")) return false;
    v.remove_prefix(4);
    const std::size_t dot = v.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == v.size()) return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i != dot && !grammar::is_digit(v[i])) return false;
    }
    return true;
  }

  // Returns false with the right kind for anything but SIP/2.0.
  static bool check_version(std::string_view v, ParseResult& r, const char* line_name) {
    if (grammar::iequals(v, "SIP/2.0")) return true;
    if (is_sip_version_like(v)) return fail(r, ParseErrorKind::UnsupportedVersion, "Unsupported SIP version");
    return fail(r, ParseErrorKind::Malformed, std::string("Malformed ") + line_name);
  }

  bool start_line(Message& m, ParseResult& r) {
    const std::string_view all(data_, size_);
    const std::size_t eol = line_end(0);
    if (eol == std::string_view::npos || eol == size_) {
      // A stray CR or LF is malformed; no CRLF at all leaves the line unended.
      if (all.find("\r\n") == std::string_view::npos) {
        return fail(r, ParseErrorKind::Malformed, "Missing end of start line");
      }
      return fail(r, ParseErrorKind::Malformed, "Malformed start line");
    }
    const std::string_view line = all.substr(0, eol);
    pos_ = eol + 2;
    const std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return fail(r, ParseErrorKind::Malformed, "Malformed start line");
    const std::string_view first = line.substr(0, sp);
    if (first.size() > 4 && grammar::iequals(first.substr(0, 4), "SIP/")) {
      // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
      m.request_ = false;
      if (!check_version(first, r, "Status-Line")) return false;
      const std::string_view rest = line.substr(sp + 1);
      const std::string_view code = rest.substr(0, 3);
      const auto n = grammar::parse_uint(code, 999);
      if (code.size() != 3 || !n || *n < 100 || *n > 699 || (rest.size() > 3 && rest[3] != ' ')) {
        return fail(r, ParseErrorKind::Malformed, "Malformed Status-Line");
      }
      m.status_ = static_cast<int>(*n);
      m.reason_ = rest.size() > 4 ? rest.substr(4) : std::string_view{};
      return true;
    }
    // Request-Line = Method SP Request-URI SP SIP-Version
    if (!grammar::is_token(first)) return fail(r, ParseErrorKind::Malformed, "Malformed Request-Line");
    const std::size_t last_sp = line.rfind(' ');
    if (last_sp == sp) return fail(r, ParseErrorKind::Malformed, "Malformed Request-Line");
    m.request_ = true;
    m.method_name_ = first;
    m.method_ = method_from_token(first);
    if (!check_version(line.substr(last_sp + 1), r, "Request-Line")) return false;
    const std::string_view uri = line.substr(sp + 1, last_sp - sp - 1);
    if (uri.empty() || uri.front() == ' ' || uri.back() == ' ' || uri.front() == '\t' || uri.back() == '\t') {
      return fail(r, ParseErrorKind::Malformed, "Malformed Request-Line");
    }
    m.request_uri_text_ = uri;
    if (!parse_uri(uri, owner_, m.request_uri_)) return fail(r, ParseErrorKind::Malformed, "Request-URI malformed");
    // RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI.
    if (!m.request_uri_.headers.empty()) {
      return fail(r, ParseErrorKind::Malformed, "Request-URI must not contain headers");
    }
    return true;
  }

  // The end of the line starting at `from`: the next CR, which must be
  // followed by LF, with no bare LF before it; npos for a bare CR or LF.
  std::size_t line_end(std::size_t from) const noexcept {
    const char* brk = find_line_break(data_ + from, data_ + size_);
    const auto eol = static_cast<std::size_t>(brk - data_);
    if (eol == size_) return eol;  // the buffer ends the line
    if (*brk != '\r' || eol + 1 >= size_ || data_[eol + 1] != '\n') return std::string_view::npos;
    return eol;
  }

  bool header_lines(Message& m, ParseResult& r) {
    char* const b = data_;
    const std::size_t size = size_;
    m.fields_.reserve(16);
    while (true) {
      if (pos_ >= size) {  // no empty line: the buffer ends the header section
        body_start_ = size;
        return true;
      }
      if (b[pos_] == '\r' && pos_ + 1 < size && b[pos_ + 1] == '\n') {
        body_start_ = pos_ + 2;
        return true;
      }
      std::size_t eol = line_end(pos_);
      // LWS folding (§7.3.1): CRLF followed by SP/HT continues the line; turn
      // the CRLF into spaces so the value is one contiguous view.
      while (eol != std::string_view::npos && eol + 2 < size && (b[eol + 2] == ' ' || b[eol + 2] == '\t')) {
        b[eol] = ' ';
        b[eol + 1] = ' ';
        eol = line_end(eol + 2);
      }
      if (eol == std::string_view::npos) return fail(r, ParseErrorKind::Malformed, "Malformed header line");
      const std::string_view line(b + pos_, eol - pos_);
      pos_ = eol + 2;
      std::size_t n = 0;
      while (n < line.size() && grammar::is_token_char(line[n])) ++n;
      const std::string_view name = line.substr(0, n);
      while (n < line.size() && grammar::is_ws(line[n])) ++n;
      if (name.empty() || n >= line.size() || line[n] != ':') {
        return fail(r, ParseErrorKind::Malformed, "Malformed header line");
      }
      if (m.fields_.size() >= limits_.max_headers) return fail(r, ParseErrorKind::Malformed, "Too many headers");
      HeaderField& f = m.fields_.emplace_back();
      f.id = header_id(name, f.exact_name);
      f.name = name;
      f.value = grammar::trim(line.substr(n + 1));
    }
  }

  bool content_length(Message& m, ParseResult& r) {
    const std::string_view all(data_, size_);
    std::optional<std::string_view> value;
    for (const HeaderField& f : m.fields_) {
      if (f.id != HeaderId::ContentLength) continue;
      if (value) return fail(r, ParseErrorKind::Unframeable, "Duplicate Content-Length");
      value = f.value;
    }
    const std::size_t available = all.size() - body_start_;
    if (!value) {
      m.body_ = all.substr(body_start_);
      r.consumed = all.size();
      return true;
    }
    const auto len = parse_content_length(*value);
    if (!len) return fail(r, ParseErrorKind::Unframeable, "Bad Content-Length");
    if (*len > available) return fail(r, ParseErrorKind::Malformed, "Content-Length larger than message body");
    m.content_length_ = *len;
    m.body_ = all.substr(body_start_, static_cast<std::size_t>(*len));
    r.consumed = body_start_ + static_cast<std::size_t>(*len);
    return true;
  }

  static std::string named(std::string_view what, HeaderId id) {
    return std::string(what) + " " + std::string(canonical_name(id)) + " header";
  }

  bool core_headers(Message& m, ParseResult& r) {
    // One pass to find the single-valued core headers (a second copy is an error).
    enum Slot { kCallId, kCSeq, kFrom, kTo, kMaxForwards, kSlots };
    constexpr HeaderId kIds[kSlots] = {HeaderId::CallId, HeaderId::CSeq, HeaderId::From, HeaderId::To,
                                       HeaderId::MaxForwards};
    const HeaderField* found[kSlots] = {};
    bool dup[kSlots] = {};
    std::size_t via_lines = 0;
    for (const HeaderField& f : m.fields_) {
      int slot = -1;
      switch (f.id) {
        case HeaderId::CallId: slot = kCallId; break;
        case HeaderId::CSeq: slot = kCSeq; break;
        case HeaderId::From: slot = kFrom; break;
        case HeaderId::To: slot = kTo; break;
        case HeaderId::MaxForwards: slot = kMaxForwards; break;
        case HeaderId::Via: ++via_lines; break;
        default: break;
      }
      if (slot < 0) continue;
      if (found[slot] != nullptr) dup[slot] = true;
      found[slot] = found[slot] != nullptr ? found[slot] : &f;
    }
    for (int s = 0; s < kSlots; ++s) {
      if (dup[s]) return fail(r, ParseErrorKind::Malformed, named("Duplicate", kIds[s]));
    }
    if (const HeaderField* f = found[kCallId]) {
      if (!is_valid_call_id(f->value)) return fail(r, ParseErrorKind::Malformed, named("Malformed", HeaderId::CallId));
      m.call_id_ = f->value;
    }
    if (const HeaderField* f = found[kCSeq]) {
      auto cseq = parse_cseq(f->value);
      if (!cseq) return fail(r, ParseErrorKind::Malformed, named("Malformed", HeaderId::CSeq));
      m.cseq_ = std::move(cseq).value();
    }
    for (int s : {kFrom, kTo}) {
      const HeaderField* f = found[s];
      if (f == nullptr) continue;
      std::optional<NameAddr>& slot = s == kFrom ? m.from_ : m.to_;
      NameAddr& na = slot.emplace();  // parsed in place: a NameAddr is costly to move
      const bool parsed = parse_name_addr(f->value, owner_, na);
      // tag-param = "tag" EQUAL token (RFC 3261 §25.1): a bare or quoted tag is malformed.
      const ParamView* tag = parsed ? na.params.find("tag") : nullptr;
      if (!parsed || (tag != nullptr && (!tag->value || tag->quoted || !grammar::is_token(*tag->value)))) {
        slot.reset();
        return fail(r, ParseErrorKind::Malformed, named("Malformed", kIds[s]));
      }
    }
    if (via_lines > 0) {
      m.vias_.reserve(via_lines);
      for (const HeaderField& f : m.fields_) {
        if (f.id != HeaderId::Via) continue;
        if (!parse_via(f.value, owner_, m.vias_)) {
          m.vias_.clear();
          return fail(r, ParseErrorKind::Malformed, named("Malformed", HeaderId::Via));
        }
      }
    }
    if (const HeaderField* f = found[kMaxForwards]) {
      auto mf = parse_max_forwards(f->value);
      if (!mf) return fail(r, ParseErrorKind::Malformed, named("Malformed", HeaderId::MaxForwards));
      m.max_forwards_ = *mf;
    }
    return true;
  }

  char* data_;
  std::size_t size_;
  SharedText owner_;
  ParseLimits limits_;
  std::size_t pos_ = 0;
  std::size_t body_start_ = 0;
};

ParseResult parse_message(std::string&& wire, const ParseLimits& limits) {
  // Shared first, so the bytes the views point at never move again.
  auto owned = std::make_shared<std::string>(std::move(wire));
  char* data = owned->data();
  const std::size_t size = owned->size();
  return MessageParser(data, size, SharedText(std::move(owned), data), limits).run();
}

ParseResult parse_message(std::string_view wire, const ParseLimits& limits) {
  // One allocation holds the reference count and the bytes.
  std::shared_ptr<char[]> block = std::make_shared_for_overwrite<char[]>(wire.size() + 1);
  char* data = block.get();
  if (!wire.empty()) std::memcpy(data, wire.data(), wire.size());
  data[wire.size()] = '\0';
  return MessageParser(data, wire.size(), SharedText(std::move(block), data), limits).run();
}

}  // namespace credsvc::sip
