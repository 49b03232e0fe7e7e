#include "loadgen/bench_run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <exception>

#include "loadgen/bench_session.hpp"
#include "loadgen/scenarios.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

asio::awaitable<void> run_scenario(BenchSession& s) {
  switch (s.options().scenario) {
    case Scenario::fetch:
      co_await run_fetch_scenario(s);
      break;
    case Scenario::fanout:
      co_await run_fanout_scenario(s);
      break;
    case Scenario::publish:
      co_await run_publish_scenario(s);
      break;
    case Scenario::handshake:
      co_await run_handshake_scenario(s);
      break;
    case Scenario::idle:
      co_await run_idle_scenario(s);
      break;
  }
}

}  // namespace

BenchResult run_bench(const BenchInputs& inputs) {
  BenchSession session(inputs);
  std::exception_ptr failure;
  asio::co_spawn(session.io(), run_scenario(session), [&](std::exception_ptr e) {
    failure = e;
    session.io().stop();  // the progress line and stray handlers end with the scenario
  });
  session.io().run();
  if (failure) std::rethrow_exception(failure);
  return session.result();
}

}  // namespace credsvc::loadgen
