#include "auth/digest_challenge.hpp"

#include <stdexcept>

namespace credsvc::auth {
namespace {

void append_quoted(std::string& out, std::string_view what, std::string_view value) {
  out.push_back('"');
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      throw std::invalid_argument("digest challenge: control character in " + std::string(what));
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string build_digest_challenge(const ChallengeParams& params, DigestAlgorithm algorithm) {
  std::string out = "Digest realm=";
  append_quoted(out, "realm", params.realm);
  out += ", nonce=";
  append_quoted(out, "nonce", params.nonce);
  if (!params.opaque.empty()) {
    out += ", opaque=";
    append_quoted(out, "opaque", params.opaque);
  }
  if (params.stale) out += ", stale=true";
  out += ", algorithm=";
  out += to_string(algorithm);
  // Only "auth": auth-int would need the body hashed, and nothing here asks for it.
  out += ", qop=\"auth\"";
  return out;
}

std::vector<std::string> build_digest_challenges(const ChallengeParams& params,
                                                 std::span<const DigestAlgorithm> algorithms) {
  std::vector<std::string> out;
  out.reserve(algorithms.size());
  for (const DigestAlgorithm a : algorithms) out.push_back(build_digest_challenge(params, a));
  return out;
}

}  // namespace credsvc::auth
