// The scenarios of `credsvc bench`, each in its own file; each runs to its
// end on the session and leaves its figures in session.result(). Internal.
//   fetch      SUBSCRIBE certificate, Expires: 0 → 2xx + NOTIFY, over N
//              connections, closed loop or at --rate
//   fanout     S subscriptions to one AOR over C connections, then a change
//              (revocation or a new certificate), timed to the last NOTIFY
//   publish    authenticated PUBLISH (401, Digest, 2xx) for many users
//   handshake  a fresh TLS connection per fetch (full, or --resume)
//   idle       C connections with their subscriptions, held; server RSS
#pragma once

#include <boost/asio/awaitable.hpp>

#include "loadgen/bench_session.hpp"

namespace credsvc::loadgen {

boost::asio::awaitable<void> run_fetch_scenario(BenchSession& session);
boost::asio::awaitable<void> run_fanout_scenario(BenchSession& session);
boost::asio::awaitable<void> run_publish_scenario(BenchSession& session);
boost::asio::awaitable<void> run_handshake_scenario(BenchSession& session);
boost::asio::awaitable<void> run_idle_scenario(BenchSession& session);

}  // namespace credsvc::loadgen
