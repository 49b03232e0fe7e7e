#include "http/certificate_body.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "certs/bytes.hpp"
#include "certs/error.hpp"

namespace credsvc::http {

namespace {

// The media type without parameters, lower case.
std::string media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool looks_like_pem(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body.substr(first).starts_with("-----BEGIN");
}

}  // namespace

std::vector<certs::Certificate> parse_certificate_body(std::string_view content_type, std::string_view body) {
  if (body.empty()) throw certs::Error("certificate response: empty body");
  const std::string type = media_type(content_type);
  bool pem = false;
  if (type == "application/pkix-cert") {
    pem = false;
  } else if (type == "application/pem-certificate-chain" || type == "application/x-pem-file") {
    pem = true;
  } else {
    pem = looks_like_pem(body);
  }
  if (!pem) return {certs::Certificate::from_der(certs::as_bytes(body))};
  auto chain = certs::Certificate::chain_from_pem(body);
  if (chain.empty()) throw certs::Error("certificate response: no PEM certificate found");
  return chain;
}

}  // namespace credsvc::http
