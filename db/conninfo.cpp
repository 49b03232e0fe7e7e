#include "db/conninfo.hpp"

#include <algorithm>
#include <string_view>

namespace credsvc::db {

std::string with_connect_timeout(const std::string& conninfo, std::chrono::seconds timeout) {
  if (conninfo.find("connect_timeout") != std::string::npos) return conninfo;
  const auto seconds = std::to_string(std::max<std::chrono::seconds::rep>(timeout.count(), 1));
  const std::string_view view(conninfo);
  const bool uri = view.starts_with("postgresql://") || view.starts_with("postgres://");
  if (uri) {
    return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + seconds;
  }
  if (conninfo.empty()) return "connect_timeout=" + seconds;
  return conninfo + " connect_timeout=" + seconds;
}

}  // namespace credsvc::db
