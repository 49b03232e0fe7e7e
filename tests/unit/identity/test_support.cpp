#include "test_support.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <memory>
#include <filesystem>
#include <stdexcept>

#include "sip/message_builder.hpp"
#include "sip/parser.hpp"

namespace credsvc::identity::test {

const certs::PrivateKey& rsa2048_key() {
  static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048);
  return key;
}

const certs::PrivateKey& rsa2048_other_key() {
  static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048);
  return key;
}

const certs::PrivateKey& p256_key() {
  static const certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  return key;
}

namespace {

TestCa make_root(const std::string& name) {
  certs::PrivateKey key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest request;
  request.common_name = name;
  request.is_ca = true;
  request.not_before = Clock::now() - 1h;
  request.not_after = Clock::now() + 24h * 3650;
  certs::Certificate cert = certs::issue_certificate(request, key, nullptr, key);
  return TestCa{std::move(key), std::move(cert)};
}

}  // namespace

const TestCa& root_ca() {
  static const TestCa ca = make_root("Identity Test Root");
  return ca;
}

const TestCa& other_root_ca() {
  static const TestCa ca = make_root("Other Test Root");
  return ca;
}

certs::Certificate issue_leaf(const certs::PrivateKey& key, std::vector<std::string> san_dns,
                              std::vector<std::string> san_uris, const TestCa& ca,
                              std::optional<Clock::time_point> not_before,
                              std::optional<Clock::time_point> not_after) {
  certs::IssueRequest request;
  request.common_name = san_dns.empty() ? std::string("identity test leaf") : san_dns.front();
  request.san_dns = std::move(san_dns);
  request.san_uris = std::move(san_uris);
  request.not_before = not_before.value_or(Clock::now() - 1h);
  request.not_after = not_after.value_or(Clock::now() + 24h * 30);
  return certs::issue_certificate(request, key, &ca.cert, ca.key);
}

sip::Message parse(std::string wire) {
  auto r = sip::parse_message(std::move(wire));
  if (!r.ok()) throw std::runtime_error("test message does not parse: " + r.reason);
  return r.msg;
}

std::string unsigned_notify(const NotifySpec& spec, const std::string& date,
                            const std::vector<std::string>& extra) {
  auto b = sip::MessageBuilder::request(spec.method, "sip:bob@192.0.2.4:5061;transport=tls");
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS svc.example.com:5061;branch=z9hG4bKnashds8");
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, spec.from);
  b.add(sip::HeaderId::To, spec.to);
  b.add(sip::HeaderId::CallId, spec.call_id);
  b.add(sip::HeaderId::CSeq, std::to_string(spec.cseq) + " " + spec.method);
  if (!date.empty()) b.add(sip::HeaderId::Date, date);
  if (spec.contact) b.add(sip::HeaderId::Contact, *spec.contact);
  b.add(sip::HeaderId::Event, "certificate");
  b.add(sip::HeaderId::SubscriptionState, "active;expires=3600");
  for (const std::string& line : extra) {
    const std::size_t colon = line.find(':');
    b.add(line.substr(0, colon), line.substr(colon + 2));
  }
  b.body(spec.content_type, spec.body);
  return b.build();
}

SignedNotify signed_notify(const Rfc4474Signer& signer, const NotifySpec& spec,
                           const std::vector<std::string>& extra) {
  DigestStringParts parts;
  parts.from_addr_spec = spec.from_uri;
  parts.to_addr_spec = spec.to_uri;
  parts.call_id = spec.call_id;
  parts.cseq_number = spec.cseq;
  parts.cseq_method = spec.method;
  if (spec.date) parts.date = *spec.date;
  if (spec.contact) parts.contact_addr_spec = spec.contact_uri;
  parts.body = spec.body;
  SignedNotify out;
  out.headers = signer.sign(parts, spec.now);
  std::vector<std::string> lines = extra;
  lines.push_back("Identity: " + out.headers.identity);
  lines.push_back("Identity-Info: " + out.headers.identity_info);
  out.wire = unsigned_notify(spec, out.headers.date, lines);
  return out;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("replace_once: \"" + from + "\" not found");
  text.replace(at, from.size(), to);
  return text;
}

namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
struct SigFree {
  void operator()(ECDSA_SIG* s) const noexcept { ECDSA_SIG_free(s); }
};
struct BioFree {
  void operator()(BIO* b) const noexcept { BIO_free_all(b); }
};

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string openssl_sign(const certs::PrivateKey& key, const char* md, const std::string& data) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx{EVP_MD_CTX_new()};
  std::size_t len = 0;
  if (EVP_DigestSignInit_ex(ctx.get(), nullptr, md, nullptr, nullptr, key.native(), nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, bytes(data), data.size()) != 1) {
    throw std::runtime_error("openssl_sign failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes(data), data.size()) != 1) {
    throw std::runtime_error("openssl_sign failed");
  }
  sig.resize(len);
  return sig;
}

bool openssl_verify(const certs::Certificate& cert, const char* md, const std::string& data,
                    const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx{EVP_MD_CTX_new()};
  return EVP_DigestVerifyInit_ex(ctx.get(), nullptr, md, nullptr, nullptr, cert.public_key_native(), nullptr) == 1 &&
         EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(data), data.size()) == 1;
}

std::string es256_sign(const certs::PrivateKey& key, const std::string& data) {
  const std::string der = openssl_sign(key, "SHA256", data);
  const unsigned char* p = bytes(der);
  std::unique_ptr<ECDSA_SIG, SigFree> sig{d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()))};
  if (!sig) throw std::runtime_error("es256_sign: bad DER");
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + 32, 32) != 32) {
    throw std::runtime_error("es256_sign: bad R/S");
  }
  return raw;
}

bool es256_verify(const certs::Certificate& cert, const std::string& data, const std::string& raw) {
  if (raw.size() != 64) return false;
  std::unique_ptr<ECDSA_SIG, SigFree> sig{ECDSA_SIG_new()};
  BIGNUM* r = BN_bin2bn(bytes(raw), 32, nullptr);
  BIGNUM* s = BN_bin2bn(bytes(raw) + 32, 32, nullptr);
  if (ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return false;
  const std::string der_text(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return openssl_verify(cert, "SHA256", data, der_text);
}

std::string public_key_pem(const certs::PrivateKey& key) {
  std::unique_ptr<BIO, BioFree> bio{BIO_new(BIO_s_mem())};
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.native()) != 1) throw std::runtime_error("public_key_pem failed");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string b64url(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "identity-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace credsvc::identity::test
