#include "http/certificate_cache.hpp"

namespace credsvc::http {

CertificateCache::Chain CertificateCache::get(const std::string& key, TimePoint now) {
  const auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (it->second->expires <= now) {
    order_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->chain;
}

void CertificateCache::put(const std::string& key, Chain chain, TimePoint expires, TimePoint now) {
  if (const auto it = index_.find(key); it != index_.end()) {
    order_.erase(it->second);
    index_.erase(it);
  }
  if (capacity_ == 0 || expires <= now || !chain) return;
  while (index_.size() >= capacity_) {
    index_.erase(order_.back().key);
    order_.pop_back();
  }
  order_.push_front(Entry{key, std::move(chain), expires});
  index_.emplace(key, order_.begin());
}

}  // namespace credsvc::http
