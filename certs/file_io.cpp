#include "certs/file_io.hpp"

#include "certs/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace credsvc::certs {

namespace {

// Closes a POSIX file descriptor on scope exit.
class Fd {
public:
    explicit Fd(int fd) noexcept : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const noexcept { return fd_; }
    // Closes now, reporting errors (a failed close can mean lost data on write).
    int close() noexcept {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_;
};

[[noreturn]] void fail(const char* verb, const std::filesystem::path& path, int error) {
    throw Error(std::string("cannot ") + verb + " " + path.string() + ": " + std::strerror(error));
}

}  // namespace

Bytes read_file(const std::filesystem::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        fail("read", path, errno);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        fail("read", path, errno);
    }
    if (S_ISDIR(info.st_mode)) {
        fail("read", path, EISDIR);
    }
    Bytes data;
    std::uint8_t buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("read", path, errno);
        }
        if (n == 0) {
            break;
        }
        data.insert(data.end(), buffer, buffer + n);
    }
    return data;
}

std::string read_text_file(const std::filesystem::path& path) {
    const Bytes data = read_file(path);
    return std::string(as_text(data));
}

void write_file(const std::filesystem::path& path, ByteView data, bool private_data) {
    const mode_t mode = private_data ? 0600 : 0644;
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (fd.get() < 0) {
        fail("write", path, errno);
    }
    if (private_data && ::fchmod(fd.get(), 0600) != 0) {
        // An existing file keeps its mode on open(); tighten it before writing the key.
        fail("write", path, errno);
    }
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd.get(), data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", path, errno);
        }
        written += static_cast<std::size_t>(n);
    }
    if (fd.close() != 0) {
        fail("write", path, errno);
    }
}

}  // namespace credsvc::certs
