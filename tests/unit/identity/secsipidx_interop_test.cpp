// Interoperability with Debian's secsipidx (STIR/SHAKEN tool): it accepts
// PASSporTs credsvc signs, and credsvc accepts the ones it signs. The tool runs
// as a child process on files in a private temporary directory.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "certs/file_io.hpp"
#include "identity/base64.hpp"
#include "identity/passport_signer.hpp"
#include "identity/passport_verifier.hpp"
#include "test_support.hpp"

#ifndef CREDSVC_SECSIPIDX
#define CREDSVC_SECSIPIDX "secsipidx"
#endif

namespace credsvc::identity {
namespace {

using namespace test;

const std::string kX5u = "https://cert.example.org/passport.pem";
const std::string kOrigId = "3a47e0c5-2b7f-4c1e-9a57-6f1d2c8e9b10";

struct ProcessResult {
  int status = -1;  // exit status, or -1 when the process did not exit normally
  std::string output;
};

// Runs a shell command, collecting stdout and stderr.
ProcessResult run(const std::string& command) {
  ProcessResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int raw = ::pclose(pipe);
  if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  return r;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

void write_text(const std::string& path, const std::string& text, bool private_data = false) {
  certs::write_file(path, certs::as_bytes(text), private_data);
}

std::vector<std::string> split_dots(const std::string& jws) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = jws.find('.', start);
    parts.push_back(jws.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

class PassportSecsipidx : public ::testing::Test {
 protected:
  void SetUp() override {
    // "-version" prints "secsipidx vX.Y.Z" (and exits with status 1).
    const ProcessResult version = run(std::string(CREDSVC_SECSIPIDX) + " -version");
    ASSERT_EQ(version.output.rfind("secsipidx v", 0), 0u)
        << "secsipidx cannot run (" << CREDSVC_SECSIPIDX << "): " << version.output;
  }

  static const certs::Certificate& stir_cert() {
    static const certs::Certificate cert = issue_leaf(p256_key(), {"cert.example.org"});
    return cert;
  }
  static PassportVerifyOptions options() {
    PassportVerifyOptions o;
    o.allowed_x5u_hosts = {"cert.example.org"};
    o.trust_anchors = {root_ca().cert};
    return o;
  }
  static PassportClaims claims(std::int64_t iat) {
    PassportClaims c;
    c.orig.tn = "12025551212";
    c.dest.tn = {"12025551213"};
    c.iat = iat;
    c.attest = "A";
    c.origid = kOrigId;
    return c;
  }
  // secsipidx -check on an Identity value with the public key of p256_key().
  // "-expire 60": iat may be up to 60 s old (RFC 8224 §6.2.1); without it the
  // tool allows no age at all and fails whenever a second boundary passes.
  ProcessResult check(const std::string& identity) const {
    const std::string id_file = dir_.path() + "/identity.txt";
    const std::string pub_file = dir_.path() + "/pub.pem";
    write_text(id_file, identity);
    write_text(pub_file, public_key_pem(p256_key()));
    return run(std::string(CREDSVC_SECSIPIDX) + " -check -expire 60 -fidentity " + id_file + " -fpubkey " + pub_file);
  }
  // secsipidx signs with p256_key() (written as PKCS#8 PEM, mode 0600).
  ProcessResult sign(const std::string& mode) const {
    const std::string key_file = dir_.path() + "/key.pem";
    write_text(key_file, p256_key().to_pkcs8_pem(), true);
    return run(std::string(CREDSVC_SECSIPIDX) + " " + mode +
               " -orig-tn 12025551212 -dest-tn 12025551213 -attest A -orig-id " + kOrigId + " -x5u " + kX5u +
               " -fprvkey " + key_file);
  }

  TempDir dir_;
  std::int64_t now_s_ =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
};

TEST_F(PassportSecsipidx, AcceptsWhatCredsvcSigns) {
  const PassportSigner signer(p256_key(), kX5u);
  const std::string identity = signer.identity(claims(now_s_));
  const ProcessResult ok = check(identity);
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_EQ(trim(ok.output), "ok");

  // Control: the same tool refuses a PASSporT whose payload was changed.
  std::vector<std::string> parts = split_dots(identity.substr(0, identity.find(';')));
  parts[1] = base64url_encode(canonical_payload(claims(now_s_ + 1)));
  const ProcessResult tampered = check(parts[0] + "." + parts[1] + "." + parts[2] + identity.substr(identity.find(';')));
  EXPECT_NE(tampered.status, 0) << tampered.output;
  EXPECT_NE(tampered.output.find("not-ok"), std::string::npos) << tampered.output;
}

TEST_F(PassportSecsipidx, AgreesOnIatAge) {
  // Both read iat the same way: 30 s old is fresh, 120 s old is expired.
  const PassportSigner signer(p256_key(), kX5u);
  const ProcessResult fresh = check(signer.identity(claims(now_s_ - 30)));
  EXPECT_EQ(fresh.status, 0) << fresh.output;
  const ProcessResult old = check(signer.identity(claims(now_s_ - 120)));
  EXPECT_NE(old.status, 0) << old.output;
  EXPECT_NE(old.output.find("expired"), std::string::npos) << old.output;
}

TEST_F(PassportSecsipidx, CredsvcAcceptsWhatSecsipidxSigns) {
  const ProcessResult signed_full = sign("-sign-full");
  ASSERT_EQ(signed_full.status, 0) << signed_full.output;
  const std::string identity = trim(signed_full.output);
  ASSERT_NE(identity.find(";info=<" + kX5u + ">"), std::string::npos) << identity;

  const PassportVerifier verifier(options());
  const PassportVerifyResult r = verifier.verify(identity, std::vector{stir_cert()}, Clock::now());
  ASSERT_TRUE(r.ok()) << to_string(r.result.failure) << ": " << r.result.detail;
  EXPECT_EQ(r.passport->claims.orig.tn, "12025551212");
  EXPECT_EQ(r.passport->claims.dest.tn, std::vector<std::string>{"12025551213"});
  EXPECT_EQ(r.passport->claims.attest, "A");
  EXPECT_EQ(r.passport->claims.origid, kOrigId);

  // secsipidx writes canonical JSON too: our encoding of the same claims is
  // byte for byte what it signed.
  const std::vector<std::string> parts = split_dots(identity.substr(0, identity.find(';')));
  ASSERT_EQ(parts.size(), 3u);
  const PassportSigner ours(p256_key(), kX5u);
  EXPECT_EQ(base64url_decode(parts[0]), ours.header_json());
  EXPECT_EQ(base64url_decode(parts[1]), canonical_payload(claims(r.passport->claims.iat)));
}

TEST_F(PassportSecsipidx, CredsvcAcceptsSecsipidxBareJws) {
  const ProcessResult signed_bare = sign("-sign");
  ASSERT_EQ(signed_bare.status, 0) << signed_bare.output;
  const std::string jws = trim(signed_bare.output);
  EXPECT_EQ(jws.find(';'), std::string::npos) << jws;
  const PassportVerifier verifier(options());
  const PassportVerifyResult r = verifier.verify(jws, std::vector{stir_cert()}, Clock::now());
  EXPECT_TRUE(r.ok()) << to_string(r.result.failure) << ": " << r.result.detail;
}

TEST_F(PassportSecsipidx, CredsvcRejectsSecsipidxSignatureWithAnotherKey) {
  const ProcessResult signed_full = sign("-sign-full");
  ASSERT_EQ(signed_full.status, 0) << signed_full.output;
  const certs::PrivateKey other = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  const certs::Certificate wrong = issue_leaf(other, {"cert.example.org"});
  const PassportVerifier verifier(options());
  const PassportVerifyResult r = verifier.verify(trim(signed_full.output), std::vector{wrong}, Clock::now());
  EXPECT_EQ(r.result.failure, Failure::bad_signature) << r.result.detail;
}

}  // namespace
}  // namespace credsvc::identity
