// Fetched certificate chains by URL: at most `capacity` entries, the least
// recently used evicted first, each dropped at its own expiry (which the
// fetcher bounds by the certificates' notAfter and the response's
// Cache-Control). Not thread-safe: the fetcher guards it. No I/O.
#pragma once

#include <chrono>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "certs/certificate.hpp"

namespace credsvc::http {

class CertificateCache {
 public:
  using Chain = std::shared_ptr<const std::vector<certs::Certificate>>;
  using TimePoint = std::chrono::system_clock::time_point;

  explicit CertificateCache(std::size_t capacity) : capacity_(capacity) {}

  // Null when absent or expired (an expired entry is dropped); a hit becomes
  // the most recently used.
  Chain get(const std::string& key, TimePoint now);
  // Replaces any entry for `key`. Nothing is kept when the capacity is 0 or
  // `expires` is not after `now`.
  void put(const std::string& key, Chain chain, TimePoint expires, TimePoint now);
  std::size_t size() const { return index_.size(); }

 private:
  struct Entry {
    std::string key;
    Chain chain;
    TimePoint expires;
  };
  std::size_t capacity_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace credsvc::http
