// The time type of the auth layer. Wall-clock time (system_clock), because a
// nonce carries its issue time and must be judged by whichever instance behind
// a load balancer receives it; steady_clock values mean nothing across hosts.
// Nothing here reads the clock itself: every function takes `now`.
#pragma once

#include <chrono>

namespace credsvc::auth {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

}  // namespace credsvc::auth
