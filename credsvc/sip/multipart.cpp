#include "sip/multipart.hpp"

#include <cstdint>
#include <stdexcept>

#include "sip/grammar.hpp"
#include "sip/header_name.hpp"

namespace credsvc::sip {
namespace {

using Parts = std::vector<BodyPart>;

Result<Parts> fail(std::string why) { return Result<Parts>::failure("multipart: " + why); }

// bcharsnospace (RFC 2046 §5.1.1); space is allowed inside, not at the end.
bool bchar(char c) noexcept {
  switch (c) {
    case '\'': case '(': case ')': case '+': case '_': case ',': case '-': case '.':
    case '/': case ':': case '=': case '?': case ' ':
      return true;
    default:
      return grammar::is_alnum(c);
  }
}

bool valid_boundary(std::string_view b) noexcept {
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  for (char c : b) {
    if (!bchar(c)) return false;
  }
  return true;
}

// If a delimiter line ("--boundary" + padding + CRLF, or the close "--boundary--")
// starts at `at`, returns where the next part starts (or npos after a close
// delimiter) through `next`, and whether it closed.
bool delimiter_at(std::string_view body, std::size_t at, std::string_view dash_boundary,
                  std::size_t& next, bool& closing) noexcept {
  if (body.compare(at, dash_boundary.size(), dash_boundary) != 0) return false;
  std::size_t p = at + dash_boundary.size();
  if (body.compare(p, 2, "--") == 0) {
    closing = true;
    next = std::string_view::npos;
    return true;
  }
  while (p < body.size() && grammar::is_ws(body[p])) ++p;  // transport-padding
  if (body.compare(p, 2, "\r\n") != 0) return false;
  closing = false;
  next = p + 2;
  return true;
}

// The next delimiter at or after `from`, each preceded by CRLF (the CRLF
// belongs to the delimiter, not to the part).
std::size_t find_delimiter(std::string_view body, std::size_t from, std::string_view dash_boundary,
                           std::size_t& next, bool& closing) noexcept {
  while (true) {
    const std::size_t crlf = body.find("\r\n", from);
    if (crlf == std::string_view::npos) return std::string_view::npos;
    if (delimiter_at(body, crlf + 2, dash_boundary, next, closing)) return crlf;
    from = crlf + 2;
  }
}

bool identity_encoding(std::string_view cte) noexcept {
  return grammar::iequals(cte, "binary") || grammar::iequals(cte, "8bit") || grammar::iequals(cte, "7bit");
}

Result<BodyPart> parse_part(std::string_view raw, std::size_t index) {
  const std::string label = "part " + std::to_string(index);
  auto bad = [&label](std::string_view why) {
    return Result<BodyPart>::failure("multipart: " + label + " " + std::string(why));
  };
  BodyPart part;
  std::string_view headers;
  if (raw.substr(0, 2) == "\r\n") {
    part.content = raw.substr(2);  // no headers: defaults apply (text/plain)
  } else {
    const std::size_t end = raw.find("\r\n\r\n");
    if (end == std::string_view::npos) return bad("has no empty line after its headers");
    headers = raw.substr(0, end + 2);
    part.content = raw.substr(end + 4);
  }
  while (!headers.empty()) {
    std::size_t eol = headers.find("\r\n");
    while (eol + 2 < headers.size() && grammar::is_ws(headers[eol + 2])) eol = headers.find("\r\n", eol + 2);
    const std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(eol + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return bad("has a malformed header line");
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && grammar::is_ws(name.back())) name.remove_suffix(1);
    if (!grammar::is_token(name)) return bad("has a malformed header line");
    const std::string_view value = grammar::trim(line.substr(colon + 1));
    part.headers.emplace_back(name, value);
    const HeaderId id = header_id(name);
    if (id == HeaderId::ContentType) {
      if (part.content_type) return bad("has two Content-Type headers");
      auto mt = parse_media_type(value);
      if (!mt) return bad("has a malformed Content-Type");
      part.content_type = std::move(mt).value();
    } else if (id == HeaderId::ContentDisposition) {
      if (part.disposition) return bad("has two Content-Disposition headers");
      auto cd = parse_content_disposition(value);
      if (!cd) return bad("has a malformed Content-Disposition");
      part.disposition = std::move(cd).value();
    } else if (id == HeaderId::ContentTransferEncoding) {
      if (!identity_encoding(value)) {
        return bad("uses Content-Transfer-Encoding " + std::string(value) + " (only binary is supported)");
      }
    }
  }
  return part;
}

}  // namespace

Result<Parts> parse_multipart(std::string_view body, std::string_view boundary) {
  if (!valid_boundary(boundary)) return fail("invalid boundary");
  const std::string dash_boundary = "--" + std::string(boundary);
  std::size_t next = 0;
  bool closing = false;
  // The first delimiter may open the body without a preceding CRLF.
  if (!delimiter_at(body, 0, dash_boundary, next, closing) &&
      find_delimiter(body, 0, dash_boundary, next, closing) == std::string_view::npos) {
    return fail("boundary not found");
  }
  if (closing) return fail("no body parts");
  Parts parts;
  while (true) {
    const std::size_t start = next;
    const std::size_t end = find_delimiter(body, start, dash_boundary, next, closing);
    if (end == std::string_view::npos) return fail("missing closing boundary");
    auto part = parse_part(body.substr(start, end - start), parts.size() + 1);
    if (!part) return Result<Parts>::failure(part.error());
    parts.push_back(std::move(part).value());
    if (closing) return parts;  // the epilogue is ignored
  }
}

BuiltMultipart build_multipart(const std::vector<PartSpec>& parts) {
  auto safe = [](std::string_view v) {
    if (grammar::contains_either(v, '\r', '\n')) {
      throw std::invalid_argument("sip: multipart header value contains CR or LF");
    }
  };
  // FNV-1a over the contents seeds a boundary; bump until no part holds it.
  std::uint64_t h = 1469598103934665603ULL;
  for (const PartSpec& p : parts) {
    for (char c : p.content) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  }
  BuiltMultipart out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::uint64_t attempt = 0;; ++attempt) {
    std::uint64_t v = h + attempt * 0x9E3779B97F4A7C15ULL;
    std::string b = "credsvc-";
    for (int i = 0; i < 16; ++i, v >>= 4) b.push_back(kHex[v & 0xF]);
    bool clash = false;
    for (const PartSpec& p : parts) {
      if (p.content.find(b) != std::string::npos) clash = true;
    }
    if (!clash) {
      out.boundary = std::move(b);
      break;
    }
  }
  out.content_type = "multipart/mixed;boundary=" + out.boundary;
  for (const PartSpec& p : parts) {
    safe(p.content_type);
    safe(p.content_disposition);
    out.body += "--" + out.boundary + "\r\n";
    out.body += "Content-Type: " + p.content_type + "\r\n";
    if (!p.content_disposition.empty()) out.body += "Content-Disposition: " + p.content_disposition + "\r\n";
    for (const auto& [name, value] : p.extra_headers) {
      if (!grammar::is_token(name)) throw std::invalid_argument("sip: multipart header name is not a token");
      safe(value);
      out.body += name + ": " + value + "\r\n";
    }
    out.body += "\r\n";
    out.body += p.content;
    out.body += "\r\n";
  }
  out.body += "--" + out.boundary + "--\r\n";
  return out;
}

}  // namespace credsvc::sip
