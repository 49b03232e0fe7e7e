#include "digest_answer.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

namespace credsvc::testing::events {
namespace {

std::string sha256_hex(const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("digest: SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < len; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

}  // namespace

std::string digest_authorization(const sip::Message& challenge, const DigestAnswerInput& in) {
  const auto headers = challenge.www_authenticate();
  if (!headers) throw std::runtime_error("digest: malformed WWW-Authenticate: " + headers.error());
  for (const auto& h : *headers) {
    const auto p = sip::digest_params(h);
    if (!p || !h.is_digest() || p->algorithm.value_or("MD5") != "SHA-256") continue;
    if (!p->nonce || !p->realm) throw std::runtime_error("digest: challenge without nonce or realm");
    char nc[9];
    std::snprintf(nc, sizeof nc, "%08x", in.nc);
    // RFC 7616 §3.4.1: response = H(H(A1):nonce:nc:cnonce:qop:H(A2)).
    const std::string ha1 = sha256_hex(in.user + ":" + *p->realm + ":" + in.password);
    const std::string ha2 = sha256_hex(in.method + ":" + in.uri);
    const std::string response = sha256_hex(ha1 + ":" + *p->nonce + ":" + nc + ":" + in.cnonce + ":auth:" + ha2);
    std::string line = "Authorization: Digest username=\"" + in.user + "\", realm=\"" + *p->realm + "\", nonce=\"" +
                       *p->nonce + "\", uri=\"" + in.uri + "\", response=\"" + response +
                       "\", algorithm=SHA-256, qop=auth, nc=" + nc + ", cnonce=\"" + in.cnonce + "\"";
    if (p->opaque) line += ", opaque=\"" + *p->opaque + "\"";
    return line + "\r\n";
  }
  throw std::runtime_error("digest: no SHA-256 challenge offered");
}

}  // namespace credsvc::testing::events
