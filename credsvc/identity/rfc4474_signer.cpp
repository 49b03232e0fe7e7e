#include "identity/rfc4474_signer.hpp"

#include <array>
#include <stdexcept>

#include "certs/key_info.hpp"
#include "identity/base64.hpp"
#include "identity/https_url.hpp"
#include "sip/date_header.hpp"

namespace credsvc::identity {
namespace {

// RSA up to 8192 bits.
constexpr std::size_t kMaxSignature = 1024;

const certs::PrivateKey& checked_key(const certs::PrivateKey& key) {
  const certs::KeyInfo info = key.key_info();
  if (info.type != certs::KeyType::rsa) {
    throw std::invalid_argument("identity: RFC 4474 signing needs an RSA key, not " + info.name);
  }
  if (info.bits < 2048) {
    throw std::invalid_argument("identity: RSA identity key has " + std::to_string(info.bits) +
                                " bits; at least 2048 needed");
  }
  if (info.bits > 8192) throw std::invalid_argument("identity: RSA identity key larger than 8192 bits");
  return key;
}

std::string make_identity_info(const std::string& url, Rfc4474Algorithm alg) {
  const auto parsed = parse_https_url(url);
  if (!parsed) throw std::invalid_argument("identity: Identity-Info URL rejected: " + parsed.error());
  // The value goes between < > in a header: nothing that could end it early.
  if (url.find_first_of("<>\r\n \t\"") != std::string::npos) {
    throw std::invalid_argument("identity: Identity-Info URL has characters a header cannot carry");
  }
  return "<" + url + ">;alg=" + std::string(to_string(alg));
}

}  // namespace

Rfc4474Signer::Rfc4474Signer(certs::PrivateKey key, std::string identity_info_url, Rfc4474Algorithm alg)
    : key_(checked_key(key)),
      alg_(alg),
      identity_info_(make_identity_info(identity_info_url, alg)),
      template_(key_.native(), digest_name(alg)) {}

std::string Rfc4474Signer::identity(const DigestStringParts& parts) const {
  if (parts.date.empty()) throw std::invalid_argument("identity: the digest-string needs a Date");
  std::array<char, 10> number{};
  const DigestPieces pieces = digest_pieces(parts, number);
  std::array<std::uint8_t, kMaxSignature> sig{};
  const std::size_t len = template_.sign(pieces, sig);
  // RFC 4474 §9: signed-identity-digest = LDQUOT *base64-char RDQUOT.
  std::string out;
  out.reserve((len + 2) / 3 * 4 + 2);
  out.push_back('"');
  append_base64(out, std::span<const std::uint8_t>(sig.data(), len));
  out.push_back('"');
  return out;
}

Rfc4474Headers Rfc4474Signer::sign(DigestStringParts parts, std::chrono::system_clock::time_point now) const {
  Rfc4474Headers h;
  if (parts.date.empty()) {
    h.date = sip::format_date(now);
    h.date_added = true;
  } else {
    h.date = std::string(parts.date);
  }
  parts.date = h.date;
  h.identity = identity(parts);
  h.identity_info = identity_info_;
  return h;
}

sip::Result<Rfc4474Headers> Rfc4474Signer::sign(const sip::Message& request) const {
  if (!request.is_request()) return sip::Result<Rfc4474Headers>::failure("only requests are signed");
  auto parts = digest_parts(request);
  if (!parts) return sip::Result<Rfc4474Headers>::failure(parts.error());
  Rfc4474Headers h;
  h.date = std::string(parts->date);
  h.identity = identity(*parts);
  h.identity_info = identity_info_;
  return h;
}

}  // namespace credsvc::identity
