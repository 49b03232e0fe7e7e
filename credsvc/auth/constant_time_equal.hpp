// Comparison of secrets (digest responses, nonce MACs) whose timing must not
// reveal how many leading bytes matched.
#pragma once

#include <string_view>

namespace credsvc::auth {

// True when a and b are byte-for-byte equal. The time taken depends only on
// the lengths (which are public: they follow from the algorithm), never on
// the content (CRYPTO_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace credsvc::auth
