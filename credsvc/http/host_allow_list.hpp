// Which hosts the certificate fetcher may contact: fetching a URL taken from
// a SIP request is a request made on a stranger's behalf, so nothing is
// fetched unless allowed. Entries are host names ("certs.example.com"), IP
// addresses, or "*.example.com" (any host below example.com, not
// example.com itself); matching ignores case. An empty list allows nothing,
// unless `allow_any` says explicitly that every host is allowed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace credsvc::http {

class HostAllowList {
 public:
  explicit HostAllowList(std::vector<std::string> entries = {}, bool allow_any = false);
  // `host` as FetchUrl has it (lower case, IPv6 without brackets).
  bool allows(std::string_view host) const;

 private:
  std::vector<std::string> exact_;
  std::vector<std::string> suffixes_;  // ".example.com" from "*.example.com"
  bool allow_any_;
};

}  // namespace credsvc::http
