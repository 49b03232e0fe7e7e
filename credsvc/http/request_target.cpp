#include "http/request_target.hpp"

#include <boost/url/parse.hpp>

namespace credsvc::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One segment, percent-decoded; the grammar check before guarantees every
// '%' is followed by two hex digits.
std::string decode_segment(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size() && hex_value(encoded[i + 1]) >= 0 &&
        hex_value(encoded[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(encoded[i + 1]) * 16 + hex_value(encoded[i + 2])));
      i += 2;
    } else {
      out.push_back(encoded[i]);
    }
  }
  return out;
}

}  // namespace

std::variant<RequestTarget, TargetError> parse_request_target(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return TargetError{"request target is not an absolute path (only origin-form is served)"};
  }
  const auto parsed = boost::urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  if (!parsed) return TargetError{"request target is not a valid origin-form URI"};

  const auto question = target.find('?');
  const std::string_view encoded_path = target.substr(0, question);
  RequestTarget out;
  if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));

  // Segment by segment, so that a decoded '/' can never start a new segment.
  std::size_t pos = 1;
  out.path = "/";
  while (pos <= encoded_path.size()) {
    const auto slash = encoded_path.find('/', pos);
    const std::string_view raw =
        encoded_path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    const bool last = slash == std::string_view::npos;
    const std::string segment = decode_segment(raw);
    if (segment.empty() && !last) return TargetError{"request path has an empty segment"};
    if (segment == "." || segment == "..") return TargetError{"request path has a dot segment"};
    for (const char c : segment) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '/' || c == '\\') return TargetError{"request path has an encoded slash or backslash"};
      if (u < 0x20 || u == 0x7f) return TargetError{"request path has a control character"};
    }
    out.path += segment;
    if (last) break;
    out.path += '/';
    pos = slash + 1;
  }
  return out;
}

}  // namespace credsvc::http
