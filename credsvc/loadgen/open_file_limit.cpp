#include "loadgen/open_file_limit.hpp"

namespace credsvc::loadgen {
namespace {

// Standard streams, the CA and AOR files, the resolver, the identity fetcher.
constexpr std::uint64_t kMargin = 32;

}  // namespace

std::uint64_t descriptors_needed(const BenchOptions& o) noexcept {
  // fanout and publish: one more connection for the trigger / set-up.
  return static_cast<std::uint64_t>(o.connections) + 1 + kMargin;
}

}  // namespace credsvc::loadgen
