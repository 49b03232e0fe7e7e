#pragma once
// The single exception type of the certs library.

#include <stdexcept>
#include <string>

namespace credsvc::certs {

// Thrown for malformed input and failed crypto operations. The message is one
// line naming the cause ("certificate: not valid DER (...)"); it never carries
// key material or passphrases.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace credsvc::certs
