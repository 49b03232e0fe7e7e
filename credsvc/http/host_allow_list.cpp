#include "http/host_allow_list.hpp"

#include <algorithm>

namespace credsvc::http {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

HostAllowList::HostAllowList(std::vector<std::string> entries, bool allow_any) : allow_any_(allow_any) {
  for (auto& e : entries) {
    std::string entry = lower(std::move(e));
    if (!entry.empty() && entry.front() == '[' && entry.back() == ']') entry = entry.substr(1, entry.size() - 2);
    if (entry.size() > 2 && entry.compare(0, 2, "*.") == 0) {
      suffixes_.push_back(entry.substr(1));
    } else if (!entry.empty()) {
      exact_.push_back(std::move(entry));
    }
  }
}

bool HostAllowList::allows(std::string_view host) const {
  if (allow_any_) return true;
  if (host.empty()) return false;
  if (std::find(exact_.begin(), exact_.end(), host) != exact_.end()) return true;
  return std::any_of(suffixes_.begin(), suffixes_.end(), [&](const std::string& suffix) {
    return host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
}

}  // namespace credsvc::http
