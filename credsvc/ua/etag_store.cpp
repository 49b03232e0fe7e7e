#include "ua/etag_store.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace credsvc::ua {
namespace fs = std::filesystem;

fs::path EtagStore::default_dir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg != '\0') {
    return fs::path(xdg) / "credsvc";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".local" / "state" / "credsvc";
  }
  throw std::runtime_error("no state directory: set XDG_STATE_HOME or HOME, or give --state-dir");
}

fs::path EtagStore::file_for(std::string_view aor) const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (const char c : aor) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '@' || c == '.' || c == '_' || c == '+' || c == '-') {
      name.push_back(c);
    } else {
      name.push_back('%');
      name.push_back(kHex[u >> 4]);
      name.push_back(kHex[u & 15]);
    }
  }
  // A leading dot would hide the file (and "." / ".." are not names).
  if (!name.empty() && name.front() == '.') name.replace(0, 1, "%2E");
  return dir_ / (name + ".etag");
}

std::optional<std::string> EtagStore::load(std::string_view aor) const {
  std::ifstream in(file_for(aor), std::ios::binary);
  if (!in) return std::nullopt;
  std::string etag;
  std::getline(in, etag);
  if (!etag.empty() && etag.back() == '\r') etag.pop_back();
  if (etag.empty()) return std::nullopt;
  return etag;
}

void EtagStore::save(std::string_view aor, std::string_view etag) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw std::runtime_error("cannot create " + dir_.string() + ": " + ec.message());
  fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace, ec);
  const fs::path file = file_for(aor);
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << etag << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp.string() + ": " + std::strerror(errno));
  }
  fs::rename(temp, file, ec);
  if (ec) throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
}

void EtagStore::forget(std::string_view aor) const {
  std::error_code ec;
  fs::remove(file_for(aor), ec);
}

}  // namespace credsvc::ua
