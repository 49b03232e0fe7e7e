#pragma once
// Telephone numbers in PASSporT "tn" claims (RFC 8224 §8.3, RFC 8225 §5.2.1):
// the canonical form is the E.164 digits, no '+', no visual separators.

#include <optional>
#include <string>
#include <string_view>

#include "sip/uri.hpp"

namespace credsvc::identity {

// Drops one leading '+' and the visual separators '-', '.', '(', ')' and
// spaces; the rest must be 1 to 15 digits. nullopt otherwise.
std::optional<std::string> canonical_tn(std::string_view text);
// 1 to 15 digits and nothing else.
bool is_canonical_tn(std::string_view text) noexcept;

// The telephone number a URI stands for: a tel: URI's number, or the user
// part of a sip:/sips: URI that reads as a number ("+1-202-555-1212",
// parameters after ';' dropped); nullopt for any other URI.
std::optional<std::string> telephone_number_of(const sip::Uri& uri);

}  // namespace credsvc::identity
