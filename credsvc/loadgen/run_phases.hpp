// The timed phases of the fetch and publish scenarios, around their own
// issue/sweep functions:
//   open loop    (paced) `issue(due)` for operation k at start + k/rate, several
//                at once when the generator is late, each counted from its
//                own due time;
//   closed loop  the operations re-issue themselves; only sweeps run here;
//   drain        after the end, what is in flight gets its time limit.
// `sweep()` runs every 100 ms throughout, to expire what took too long.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>

#include "loadgen/bench_session.hpp"
#include "loadgen/run_schedule.hpp"

namespace credsvc::loadgen {

boost::asio::awaitable<void> run_open_loop(BenchSession& session, const RunSchedule& schedule, Clock::time_point start,
                                           const std::function<void(Clock::time_point due)>& issue,
                                           const std::function<void()>& sweep);

boost::asio::awaitable<void> run_closed_loop(BenchSession& session, Clock::time_point end,
                                             const std::function<void()>& sweep);

// Returns when `in_flight()` is 0 or the session's time limit has passed.
boost::asio::awaitable<void> drain(BenchSession& session, const std::function<std::size_t()>& in_flight,
                                   const std::function<void()>& sweep);

}  // namespace credsvc::loadgen
