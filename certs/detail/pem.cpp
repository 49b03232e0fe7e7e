#include "certs/detail/pem.hpp"

#include "certs/detail/openssl_error.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>
#include <memory>

namespace credsvc::certs::detail {

PemBlock::~PemBlock() {
    if (!der.empty()) {
        OPENSSL_cleanse(der.data(), der.size());
    }
}

PemReader::PemReader(std::string_view text, std::string_view subject) : subject_(subject) {
    if (text.size() > static_cast<std::size_t>(INT_MAX)) {
        throw_error(subject_ + ": PEM input too large");
    }
    ERR_clear_error();  // a stale error from elsewhere must not become our reason
    bio_.reset(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio_) {
        throw_openssl(subject_ + ": out of memory");
    }
}

std::optional<PemBlock> PemReader::next() {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    const int ok = PEM_read_bio(bio_.get(), &name, &header, &data, &length);
    const OsslString name_owner(name);
    const OsslString header_owner(header);
    // Key blocks pass through here: wipe OpenSSL's copy as well.
    const auto wipe = [length](unsigned char* p) { OPENSSL_clear_free(p, static_cast<size_t>(length)); };
    const std::unique_ptr<unsigned char, decltype(wipe)> data_owner(data, wipe);
    if (ok != 1) {
        const unsigned long code = ERR_peek_last_error();
        if (ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE) {
            ERR_clear_error();  // normal end of input
            return std::nullopt;
        }
        throw_openssl(subject_ + ": corrupt PEM");
    }
    PemBlock block;
    block.label = name != nullptr ? name : "";
    block.has_headers = header != nullptr && header[0] != '\0';
    block.der.assign(data, data + length);
    return block;
}

std::string pem_encode(std::string_view label, ByteView der) {
    if (der.size() > static_cast<std::size_t>(LONG_MAX)) {
        throw_error("pem: input too large");
    }
    const BioPtr bio(BIO_new(BIO_s_mem()));
    const std::string name(label);
    if (!bio || PEM_write_bio(bio.get(), name.c_str(), "", der.data(), static_cast<long>(der.size())) <= 0) {
        throw_openssl("pem: encoding failed");
    }
    char* text = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &text);
    return std::string(text, static_cast<std::size_t>(size));
}

}  // namespace credsvc::certs::detail
