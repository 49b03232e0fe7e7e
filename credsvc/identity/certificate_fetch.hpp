#pragma once
// What the verifiers need from whoever fetches certificates (Identity-Info,
// x5u/info over HTTPS): this library does no network I/O itself.

#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "certs/certificate.hpp"

namespace credsvc::identity {

// Leaf first, then any intermediates the resource carried.
using CertificateChain = std::shared_ptr<const std::vector<certs::Certificate>>;
using CertificateFetchDone = std::function<void(std::error_code, CertificateChain)>;
// Fetches `url` (already checked: https, allowed host) and calls `done` once,
// on any thread, with the certificates or an error.
using CertificateFetch = std::function<void(const std::string& url, CertificateFetchDone done)>;

}  // namespace credsvc::identity
