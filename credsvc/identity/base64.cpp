#include "identity/base64.hpp"

#include <array>

namespace credsvc::identity {
namespace {

constexpr std::string_view kStd = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::uint8_t kInvalid = 0xFF;

struct DecodeTable {
  std::array<std::uint8_t, 256> value{};
  constexpr explicit DecodeTable(std::string_view alphabet) {
    for (auto& v : value) v = kInvalid;
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
      value[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    }
  }
};
constexpr DecodeTable kStdTable{kStd};
constexpr DecodeTable kUrlTable{kUrl};

void encode(std::string& out, std::span<const std::uint8_t> data, std::string_view alphabet, bool pad) {
  out.reserve(out.size() + (data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    out.push_back(alphabet[(n >> 18) & 63]);
    out.push_back(alphabet[(n >> 12) & 63]);
    out.push_back(alphabet[(n >> 6) & 63]);
    out.push_back(alphabet[n & 63]);
  }
  const std::size_t rest = data.size() - i;
  if (rest == 0) return;
  std::uint32_t n = std::uint32_t{data[i]} << 16;
  if (rest == 2) n |= std::uint32_t{data[i + 1]} << 8;
  out.push_back(alphabet[(n >> 18) & 63]);
  out.push_back(alphabet[(n >> 12) & 63]);
  if (rest == 2) out.push_back(alphabet[(n >> 6) & 63]);
  if (pad) out.append(rest == 1 ? "==" : "=");
}

// Decodes unpadded symbols; a final group of 2 or 3 symbols must have zero
// unused bits (RFC 4648 §3.5 canonical encoding).
std::optional<std::string> decode(std::string_view text, const DecodeTable& table) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const std::uint8_t v = table.value[static_cast<unsigned char>(c)];
    if (v == kInvalid) return std::nullopt;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

void append_base64(std::string& out, std::span<const std::uint8_t> data) { encode(out, data, kStd, true); }

std::string base64_encode(std::span<const std::uint8_t> data) {
  std::string out;
  append_base64(out, data);
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  if (pad > 0 && text.size() % 4 != 0) return std::nullopt;
  const std::string_view symbols = text.substr(0, text.size() - pad);
  // With padding, the symbol count must be the one the padding implies.
  if (pad > 0 && symbols.size() % 4 != 4 - pad) return std::nullopt;
  return decode(symbols, kStdTable);
}

void append_base64url(std::string& out, std::span<const std::uint8_t> data) { encode(out, data, kUrl, false); }

std::string base64url_encode(std::span<const std::uint8_t> data) {
  std::string out;
  append_base64url(out, data);
  return out;
}

std::string base64url_encode(std::string_view data) {
  return base64url_encode(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

std::optional<std::string> base64url_decode(std::string_view text) { return decode(text, kUrlTable); }

}  // namespace credsvc::identity
