// Test harness: a real PostgreSQL cluster started in a temporary directory
// (initdb/pg_ctl through db::EmbeddedCluster), shared by the tests of one
// test binary and removed when it exits. Register such a binary with CTest as
// ONE test (add_test), not per TEST() with gtest_discover_tests, so the
// cluster is made once per binary and restarts affect that binary alone.
#pragma once

#include <string>

namespace credsvc::testing {

// Connection string of a fresh, empty database (CREATE DATABASE on the shared
// cluster) so each test starts from nothing. Starts the cluster on first call.
std::string fresh_database();

// Connection string of the cluster's default database.
std::string cluster_connection_string();

// Restarts the shared cluster (pg_ctl stop + start): for reconnection tests.
void restart_cluster();
// Stops / starts the shared cluster: for "database unavailable" tests.
void stop_cluster();
void start_cluster();

}  // namespace credsvc::testing
