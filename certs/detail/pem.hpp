#pragma once
// Internal: RFC 7468 PEM blocks over memory buffers (no I/O).

#include "certs/bytes.hpp"
#include "certs/detail/openssl_ptr.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace credsvc::certs::detail {

// One decoded block. The DER is wiped on destruction because key blocks pass through here.
struct PemBlock {
    std::string label;  // "CERTIFICATE", "PRIVATE KEY", ...
    bool has_headers = false;  // RFC 1421 headers such as Proc-Type (legacy encrypted keys)
    Bytes der;

    PemBlock() = default;
    PemBlock(const PemBlock&) = delete;
    PemBlock& operator=(const PemBlock&) = delete;
    PemBlock(PemBlock&&) noexcept = default;
    PemBlock& operator=(PemBlock&&) noexcept = default;
    ~PemBlock();
};

// Reads the blocks of a PEM text in order, skipping text between blocks.
class PemReader {
public:
    // `subject` prefixes error messages ("certificate", "private key").
    PemReader(std::string_view text, std::string_view subject);

    // The next block, or nullopt at the end; throws Error on a corrupt block.
    std::optional<PemBlock> next();

private:
    BioPtr bio_;
    std::string subject_;
};

// PEM text of one block with `label`, base64 in 64-character lines.
std::string pem_encode(std::string_view label, ByteView der);

}  // namespace credsvc::certs::detail
