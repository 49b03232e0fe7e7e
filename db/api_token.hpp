// The text form of API tokens and what is stored of them. A token reads
// "csv_<id>_<secret>": <id> is a short public identifier (lower-case letters
// and digits), <secret> 32 random bytes in base64url without padding (which
// may itself contain '_'). Only SHA-256(secret) is stored, so a database dump
// does not give working tokens. Pure functions: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace credsvc::db {

inline constexpr std::string_view kApiTokenPrefix = "csv_";
inline constexpr std::size_t kApiTokenIdLength = 12;
inline constexpr std::size_t kApiTokenSecretBytes = 32;

struct ApiTokenParts {
  std::string id;
  std::string secret;  // base64url text, as in the token
};

// nullopt unless `text` is exactly "csv_" + a well-formed id + "_" + a
// well-formed secret (43 base64url characters).
std::optional<ApiTokenParts> parse_api_token(std::string_view text);
std::string format_api_token(const ApiTokenParts& parts);

// A new id and secret from the OpenSSL random generator (throws
// std::runtime_error when it fails).
ApiTokenParts generate_api_token();

// Lower-case hex SHA-256 of the secret text: what api_tokens.secret_sha256 holds.
std::string api_token_secret_sha256(std::string_view secret);

// Constant-time comparison of two digests of equal length (false otherwise),
// so the time taken does not reveal how much of a guess matched.
bool digests_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace credsvc::db
