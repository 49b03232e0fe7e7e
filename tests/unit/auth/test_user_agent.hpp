// The UA side of Digest, written independently of credsvc_auth (straight
// EVP calls and the RFC 7616 §3.4.1 formulas) so the tests check the server
// against a second implementation rather than against itself.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sip/parser.hpp"

namespace credsvc::auth::testing {

inline const EVP_MD* md_for(std::string_view algorithm) {
  if (algorithm == "MD5" || algorithm.empty()) return EVP_md5();
  if (algorithm == "SHA-256") return EVP_sha256();
  if (algorithm == "SHA-512-256") return EVP_sha512_256();
  throw std::invalid_argument("test UA: unknown algorithm");
}

inline std::string hex_hash(std::string_view algorithm, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md_for(algorithm), nullptr) != 1) {
    throw std::runtime_error("test UA: digest failed");
  }
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", out[i]);
    hex += buf;
  }
  return hex;
}

struct UaRequest {
  std::string algorithm = "SHA-256";  // token sent; empty: no algorithm= (means MD5)
  std::string username = "alice";
  std::string password = "correct horse";
  std::string realm = "example.com";
  std::string nonce;
  std::string method = "REGISTER";
  std::string request_uri = "sip:example.com";
  std::string digest_uri;  // empty: same as request_uri
  std::string cnonce = "0a4f113b";
  std::uint32_t nc = 1;
  std::string qop = "auth";  // empty: RFC 2069 style
  std::string opaque;        // sent when not empty
  std::string extra;         // appended verbatim (", userhash=true")
};

inline std::string ua_ha1(const UaRequest& r) {
  return hex_hash(r.algorithm, r.username + ":" + r.realm + ":" + r.password);
}

inline std::string nc_text(std::uint32_t nc) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", nc);
  return buf;
}

inline std::string ua_response(const UaRequest& r) {
  const std::string uri = r.digest_uri.empty() ? r.request_uri : r.digest_uri;
  const std::string ha2 = hex_hash(r.algorithm, r.method + ":" + uri);
  if (r.qop.empty()) return hex_hash(r.algorithm, ua_ha1(r) + ":" + r.nonce + ":" + ha2);
  return hex_hash(r.algorithm,
                  ua_ha1(r) + ":" + r.nonce + ":" + nc_text(r.nc) + ":" + r.cnonce + ":" + r.qop + ":" + ha2);
}

inline std::string authorization_value(const UaRequest& r) {
  const std::string uri = r.digest_uri.empty() ? r.request_uri : r.digest_uri;
  std::string v = "Digest username=\"" + r.username + "\", realm=\"" + r.realm + "\", nonce=\"" + r.nonce +
                  "\", uri=\"" + uri + "\", response=\"" + ua_response(r) + "\"";
  if (!r.algorithm.empty()) v += ", algorithm=" + r.algorithm;
  if (!r.qop.empty()) v += ", cnonce=\"" + r.cnonce + "\", nc=" + nc_text(r.nc) + ", qop=" + r.qop;
  if (!r.opaque.empty()) v += ", opaque=\"" + r.opaque + "\"";
  v += r.extra;
  return v;
}

// A request as a UA sends it, with the given credentials header lines.
inline sip::Message make_request(std::string_view method, std::string_view request_uri,
                                 std::initializer_list<std::pair<std::string_view, std::string>> extra) {
  std::string wire = std::string(method) + " " + std::string(request_uri) + " SIP/2.0\r\n";
  wire += "Via: SIP/2.0/TLS ua.example.com;branch=z9hG4bK776asdhds\r\n";
  wire += "Max-Forwards: 70\r\n";
  wire += "From: <sip:alice@example.com>;tag=1928301774\r\n";
  wire += "To: <sip:alice@example.com>\r\n";
  wire += "Call-ID: a84b4c76e66710\r\n";
  wire += "CSeq: 314159 " + std::string(method) + "\r\n";
  for (const auto& [name, value] : extra) wire += std::string(name) + ": " + value + "\r\n";
  wire += "Content-Length: 0\r\n\r\n";
  sip::ParseResult parsed = sip::parse_message(wire);
  if (!parsed.ok()) throw std::runtime_error("test UA: request does not parse: " + parsed.reason);
  return std::move(parsed.msg);
}

inline sip::Message make_request(const UaRequest& r, std::string_view header = "Authorization") {
  return make_request(r.method, r.request_uri, {{header, authorization_value(r)}});
}

}  // namespace credsvc::auth::testing
