#pragma once
// Byte buffers used across the certs API: parsing takes views, encoding returns owned bytes.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace credsvc::certs {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Views text (e.g. PEM) as bytes without copying.
inline ByteView as_bytes(std::string_view text) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Views bytes as text without copying.
inline std::string_view as_text(ByteView bytes) noexcept {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace credsvc::certs
