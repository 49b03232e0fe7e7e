// An in-process HTTPS server on 127.0.0.1:0 with real certificates from a
// test CA: domains a.example (the default), b.example and short.example
// (whose identity certificate expires in ten minutes), the identity and
// health routes, and a few test routes that exercise the router.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/https_server.hpp"
#include "http/identity_directory.hpp"
#include "https_test_client.hpp"
#include "test_pki.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::testing {

// Short enough for tests to wait out, long enough for a loaded machine.
http::HttpLimits test_limits();

class HttpsFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts (or restarts) the server with these limits.
  void start_server(http::HttpLimits limits);

  HttpsClientOptions client_options(std::optional<std::string> server_name = std::nullopt,
                                    std::optional<std::string> source_address = std::nullopt) const;
  HttpsTestClient client(std::optional<std::string> server_name = std::nullopt,
                         std::optional<std::string> source_address = std::nullopt) const {
    return HttpsTestClient(client_options(std::move(server_name), std::move(source_address)));
  }
  unsigned short port() const { return server_->local_endpoint().port(); }
  // Builds contexts for `domains` and serves them to new handshakes.
  void set_contexts(const std::vector<db::Domain>& domains, const std::string& default_domain);
  const db::Domain& domain(const std::string& name) const;

  TestPki pki_;
  std::vector<db::Domain> domains_;
  std::shared_ptr<http::IdentityDirectory> directory_ = std::make_shared<http::IdentityDirectory>();
  boost::asio::io_context io_;
  std::unique_ptr<http::HttpsServer> server_;
  http::HttpLimits limits_;

  // Responders the "/test/held" route keeps without answering.
  std::mutex held_mutex_;
  std::vector<http::Responder> held_;

 private:
  mutable std::mutex contexts_mutex_;
  std::shared_ptr<const transport::TlsContexts> contexts_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

}  // namespace credsvc::testing
