// The certificate fetcher against the real HTTPS server of the fixture: what
// it fetches and caches, and each way a fetch is refused or fails.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <future>

#include "http/certificate_fetcher.hpp"
#include "https_fixture.hpp"

namespace credsvc::testing {
namespace {
using namespace std::chrono_literals;
namespace asio = boost::asio;
using http::FetchError;

struct Outcome {
  std::error_code ec;
  http::CertificateFetcher::Chain chain;
};

class HttpsFetcher : public HttpsFixture {
 protected:
  http::FetcherOptions trusting() const {
    http::FetcherOptions o;
    o.allowed_hosts = {"localhost"};
    o.extra_trust_pem = pki_.ca_pem();
    return o;
  }
  std::string url(const std::string& path) const {
    return "https://localhost:" + std::to_string(port()) + path;
  }
  static Outcome fetch(http::CertificateFetcher& fetcher, const std::string& u) {
    std::promise<Outcome> p;
    fetcher.fetch(u, [&p](std::error_code ec, http::CertificateFetcher::Chain chain) { p.set_value({ec, chain}); });
    auto f = p.get_future();
    if (f.wait_for(15s) != std::future_status::ready) {
      ADD_FAILURE() << "fetch of " << u << " never completed";
      return {};
    }
    return f.get();
  }
  std::vector<certs::Certificate> identity_chain(const std::string& name) const {
    return certs::Certificate::chain_from_pem(domain(name).identity->chain_pem);
  }
};

TEST_F(HttpsFetcher, FetchesADerCertificate) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto out = fetch(fetcher, url("/identity/a.example.cer"));
  ASSERT_FALSE(out.ec) << out.ec.message();
  ASSERT_TRUE(out.chain);
  ASSERT_EQ(out.chain->size(), 1u);
  EXPECT_EQ(out.chain->front(), identity_chain("a.example").front());
}

TEST_F(HttpsFetcher, FetchesAPemChain) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto out = fetch(fetcher, url("/identity/b.example.pem"));
  ASSERT_FALSE(out.ec) << out.ec.message();
  ASSERT_TRUE(out.chain);
  EXPECT_EQ(*out.chain, identity_chain("b.example"));
}

TEST_F(HttpsFetcher, SecondFetchIsACacheHitWithoutAConnection) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto before = server_->stats();
  const auto first = fetch(fetcher, url("/identity/a.example.cer"));
  ASSERT_FALSE(first.ec) << first.ec.message();
  const auto middle = server_->stats();
  EXPECT_EQ(middle.requests - before.requests, 1u);
  EXPECT_EQ(middle.connections_accepted - before.connections_accepted, 1u);

  const auto second = fetch(fetcher, url("/identity/a.example.cer"));
  ASSERT_FALSE(second.ec);
  EXPECT_EQ(second.chain, first.chain);  // the very same cached chain
  const auto after = server_->stats();
  EXPECT_EQ(after.connections_accepted, middle.connections_accepted);
  EXPECT_EQ(after.requests, middle.requests);
  EXPECT_EQ(fetcher.stats().cache_hits, 1u);
  EXPECT_EQ(fetcher.stats().requests, 1u);
}

TEST_F(HttpsFetcher, ConcurrentFetchesOfOneUrlShareOneRequest) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto before = server_->stats();
  constexpr int kCount = 6;
  std::vector<std::promise<Outcome>> promises(kCount);
  for (auto& p : promises) {
    fetcher.fetch(url("/identity/b.example.cer"),
                  [&p](std::error_code ec, http::CertificateFetcher::Chain chain) { p.set_value({ec, chain}); });
  }
  for (auto& p : promises) {
    auto f = p.get_future();
    ASSERT_EQ(f.wait_for(15s), std::future_status::ready);
    const auto out = f.get();
    EXPECT_FALSE(out.ec) << out.ec.message();
    EXPECT_TRUE(out.chain);
  }
  EXPECT_EQ(server_->stats().requests - before.requests, 1u);
  EXPECT_EQ(fetcher.stats().requests, 1u);
  EXPECT_EQ(fetcher.stats().coalesced + fetcher.stats().cache_hits, static_cast<std::uint64_t>(kCount - 1));
}

TEST_F(HttpsFetcher, LeastRecentlyUsedEntryIsEvicted) {
  auto options = trusting();
  options.cache_entries = 1;
  http::CertificateFetcher fetcher(io_, options);
  ASSERT_FALSE(fetch(fetcher, url("/identity/a.example.cer")).ec);
  ASSERT_FALSE(fetch(fetcher, url("/identity/b.example.cer")).ec);
  ASSERT_FALSE(fetch(fetcher, url("/identity/b.example.cer")).ec);  // hit
  ASSERT_FALSE(fetch(fetcher, url("/identity/a.example.cer")).ec);  // evicted: fetched again
  EXPECT_EQ(fetcher.stats().requests, 3u);
  EXPECT_EQ(fetcher.stats().cache_hits, 1u);
  EXPECT_EQ(fetcher.stats().cached, 1u);
}

TEST_F(HttpsFetcher, NoStoreResponseIsNotCached) {
  http::CertificateFetcher fetcher(io_, trusting());
  ASSERT_FALSE(fetch(fetcher, url("/test/no-store.cer")).ec);
  ASSERT_FALSE(fetch(fetcher, url("/test/no-store.cer")).ec);
  EXPECT_EQ(fetcher.stats().requests, 2u);
  EXPECT_EQ(fetcher.stats().cached, 0u);
}

TEST_F(HttpsFetcher, OnlyHttpsIsFetched) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto before = server_->stats();
  for (const auto& u : {"http://localhost:" + std::to_string(port()) + "/identity/a.example.cer",
                        std::string("ftp://localhost/a.cer"), std::string("sip:alice@localhost")}) {
    const auto out = fetch(fetcher, u);
    EXPECT_EQ(out.ec, FetchError::not_https) << u;
    EXPECT_FALSE(out.chain);
  }
  EXPECT_EQ(fetch(fetcher, "not a url").ec, FetchError::bad_url);
  EXPECT_EQ(fetch(fetcher, "https://user@localhost/a.cer").ec, FetchError::bad_url);
  EXPECT_EQ(server_->stats().connections_accepted, before.connections_accepted);
  EXPECT_NE(std::error_code(FetchError::not_https).message().find("not https"), std::string::npos);
}

TEST_F(HttpsFetcher, HostsOffTheAllowListAreRefused) {
  auto options = trusting();
  options.allowed_hosts = {"certs.example", "*.example.net"};
  http::CertificateFetcher fetcher(io_, options);
  EXPECT_EQ(fetch(fetcher, url("/identity/a.example.cer")).ec, FetchError::host_not_allowed);

  // The default allow-list is empty: nothing may be fetched...
  http::FetcherOptions defaults;
  defaults.extra_trust_pem = pki_.ca_pem();
  http::CertificateFetcher closed(io_, defaults);
  EXPECT_EQ(fetch(closed, url("/identity/a.example.cer")).ec, FetchError::host_not_allowed);
  // ...unless any host is explicitly allowed.
  defaults.allow_any_host = true;
  http::CertificateFetcher open(io_, defaults);
  EXPECT_FALSE(fetch(open, url("/identity/a.example.cer")).ec);
}

TEST_F(HttpsFetcher, NotFoundIsAnHttpStatusError) {
  http::CertificateFetcher fetcher(io_, trusting());
  const auto out = fetch(fetcher, url("/identity/nobody.example.cer"));
  ASSERT_TRUE(out.ec);
  EXPECT_EQ(http::http_status_of(out.ec), 404u);
  EXPECT_EQ(out.ec.default_error_condition(),
            std::error_condition(static_cast<int>(FetchError::http_status), http::fetch_category()));
  EXPECT_NE(out.ec.message().find("404"), std::string::npos) << out.ec.message();
  EXPECT_FALSE(out.chain);
}

TEST_F(HttpsFetcher, OversizedResponseIsTooLarge) {
  http::CertificateFetcher fetcher(io_, trusting());
  EXPECT_EQ(fetch(fetcher, url("/test/big")).ec, FetchError::too_large);
  auto small = trusting();
  small.max_response_size = 100;
  http::CertificateFetcher strict(io_, small);
  EXPECT_EQ(fetch(strict, url("/identity/a.example.pem")).ec, FetchError::too_large);
}

TEST_F(HttpsFetcher, BodyThatIsNoCertificateIsBadCertificate) {
  http::CertificateFetcher fetcher(io_, trusting());
  EXPECT_EQ(fetch(fetcher, url("/test/not-a-certificate")).ec, FetchError::bad_certificate);
}

TEST_F(HttpsFetcher, UntrustedServerCertificateIsRefused) {
  auto options = trusting();
  options.extra_trust_pem.reset();  // the system store does not know the test CA
  http::CertificateFetcher fetcher(io_, options);
  const auto before = server_->stats();
  const auto out = fetch(fetcher, url("/identity/a.example.cer"));
  EXPECT_EQ(out.ec, FetchError::untrusted_certificate) << out.ec.message();
  EXPECT_EQ(server_->stats().requests, before.requests);

  auto other_ca = trusting();
  other_ca.extra_trust_pem = TestPki("another CA").ca_pem();
  http::CertificateFetcher other(io_, other_ca);
  EXPECT_EQ(fetch(other, url("/identity/a.example.cer")).ec, FetchError::untrusted_certificate);
}

TEST_F(HttpsFetcher, CertificateForAnotherNameIsRefused) {
  auto options = trusting();
  options.allowed_hosts = {"127.0.0.1"};
  http::CertificateFetcher fetcher(io_, options);
  // The server's certificate names a.example and localhost, not 127.0.0.1.
  const auto out = fetch(fetcher, "https://127.0.0.1:" + std::to_string(port()) + "/identity/a.example.cer");
  EXPECT_EQ(out.ec, FetchError::certificate_name_mismatch) << out.ec.message();
}

TEST_F(HttpsFetcher, SilentServerTimesOut) {
  // Listens (the kernel completes TCP handshakes) but never says a word.
  asio::ip::tcp::acceptor silent(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  auto options = trusting();
  options.allowed_hosts = {"127.0.0.1"};
  options.timeout = 400ms;
  http::CertificateFetcher fetcher(io_, options);
  const auto start = std::chrono::steady_clock::now();
  const auto out =
      fetch(fetcher, "https://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/a.cer");
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(out.ec, FetchError::timeout) << out.ec.message();
  EXPECT_GE(waited, 350ms);
  EXPECT_LT(waited, 5s);
}

TEST_F(HttpsFetcher, RefusedConnectionKeepsTheSystemError) {
  asio::ip::tcp::acceptor closed(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto unused_port = closed.local_endpoint().port();
  closed.close();
  auto options = trusting();
  options.allowed_hosts = {"127.0.0.1"};
  http::CertificateFetcher fetcher(io_, options);
  const auto out = fetch(fetcher, "https://127.0.0.1:" + std::to_string(unused_port) + "/a.cer");
  EXPECT_EQ(out.ec, std::errc::connection_refused) << out.ec.message();
}

}  // namespace
}  // namespace credsvc::testing
