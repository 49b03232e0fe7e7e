#include "transport/open_file_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace credsvc::transport {
namespace {

std::string limit_text(std::uint64_t v) {
  return v == static_cast<std::uint64_t>(RLIM_INFINITY) ? std::string("unlimited") : std::to_string(v);
}

}  // namespace

FileLimit raise_open_file_limit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) {
    throw std::runtime_error(std::string("cannot read the open-file limit: ") + std::strerror(errno));
  }
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
  }
  return FileLimit{static_cast<std::uint64_t>(rl.rlim_cur), static_cast<std::uint64_t>(rl.rlim_max)};
}

std::string file_limit_warning(const FileLimit& limit, std::uint64_t needed) {
  if (limit.soft >= needed) return {};
  return "the open-file limit is " + limit_text(limit.soft) + " (hard limit " + limit_text(limit.hard) +
         ") but about " + std::to_string(needed) +
         " descriptors are needed: connections beyond it will fail (raise it with ulimit -n, LimitNOFILE= or "
         "limits.conf)";
}

}  // namespace credsvc::transport
