// The body of a certificate response, by its media type:
// application/pkix-cert is one DER certificate (RFC 2585 §4.1, as RFC 8224
// x5u requires), application/pem-certificate-chain one or more PEM
// certificates (RFC 8555 §9.1, as STIR uses); with another or no type the
// content decides (PEM when it begins with "-----BEGIN"). No I/O.
#pragma once

#include <string_view>
#include <vector>

#include "certs/certificate.hpp"

namespace credsvc::http {

// Leaf first. Throws certs::Error naming the fault; never returns empty.
std::vector<certs::Certificate> parse_certificate_body(std::string_view content_type, std::string_view body);

}  // namespace credsvc::http
