#include "identity/passport_signer.hpp"

#include <array>
#include <stdexcept>

#include "certs/key_info.hpp"
#include "identity/base64.hpp"
#include "identity/ecdsa_jws_signature.hpp"

namespace credsvc::identity {
namespace {

const certs::PrivateKey& checked_key(const certs::PrivateKey& key) {
  const certs::KeyInfo info = key.key_info();
  if (info.type != certs::KeyType::ec || info.curve != "P-256") {
    throw std::invalid_argument("identity: ES256 needs an EC P-256 key, not " + info.name +
                                (info.curve.empty() ? std::string() : " " + info.curve));
  }
  return key;
}

PassportHeader make_header(std::string x5u, std::optional<std::string> ppt) {
  PassportHeader h;
  h.x5u = std::move(x5u);
  h.ppt = std::move(ppt);
  const std::string why = header_error(h);
  if (!why.empty()) throw std::invalid_argument("identity: PASSporT header rejected: " + why);
  if (h.x5u.find_first_of("<>\"") != std::string::npos) {
    throw std::invalid_argument("identity: x5u has characters a header cannot carry");
  }
  return h;
}

}  // namespace

PassportSigner::PassportSigner(certs::PrivateKey key, std::string x5u, std::optional<std::string> ppt)
    : key_(checked_key(key)),
      header_(make_header(std::move(x5u), std::move(ppt))),
      header_json_(canonical_header(header_)),
      encoded_header_(base64url_encode(header_json_)),
      template_(key_.native(), "SHA256") {}

std::string PassportSigner::sign(const PassportClaims& claims) const {
  const std::string why = claims_error(claims, header_.ppt);
  if (!why.empty()) throw std::invalid_argument("identity: PASSporT claims rejected: " + why);
  const std::string payload = canonical_payload(claims);

  std::string jws;
  jws.reserve(encoded_header_.size() + payload.size() * 4 / 3 + 96);
  jws.append(encoded_header_);
  jws.push_back('.');
  append_base64url(jws, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(payload.data()),
                                                      payload.size()));
  // RFC 7515 §5.1: the signature covers the ASCII of header "." payload.
  const std::string_view input = jws;
  std::array<std::uint8_t, 80> der{};  // ECDSA P-256 DER is at most 72 bytes
  const std::size_t len = template_.sign(std::span<const std::string_view>(&input, 1), der);
  const auto raw = es256_from_der(std::span<const std::uint8_t>(der.data(), len));
  if (!raw) throw std::runtime_error("identity: ECDSA signature could not be converted to JWS form");
  jws.push_back('.');
  append_base64url(jws, *raw);
  return jws;
}

std::string PassportSigner::identity(const PassportClaims& claims) const {
  std::string out = sign(claims);
  out.append(";info=<");
  out.append(header_.x5u);
  out.append(">;alg=ES256");
  if (header_.ppt) {
    out.append(";ppt=");
    out.append(*header_.ppt);
  }
  return out;
}

}  // namespace credsvc::identity
