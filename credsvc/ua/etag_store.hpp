#pragma once
// Where `credsvc publish` keeps the ETag of each AOR's last successful
// publication (RFC 3903 §4.4: the next PUBLISH carries it in SIP-If-Match):
// one file "<aor>.etag" per AOR in a state directory. File I/O only.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace credsvc::ua {

class EtagStore {
 public:
  explicit EtagStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // $XDG_STATE_HOME/credsvc, else $HOME/.local/state/credsvc. Throws
  // std::runtime_error when neither variable is set.
  static std::filesystem::path default_dir();

  const std::filesystem::path& dir() const noexcept { return dir_; }
  // The file for `aor` (canonical); characters other than letters, digits
  // and "@._+-" are %-escaped so an AOR can never name another path.
  std::filesystem::path file_for(std::string_view aor) const;

  // nullopt when there is no saved ETag.
  std::optional<std::string> load(std::string_view aor) const;
  // Creates the directory (0700) when needed; replaces the file atomically.
  // Throws std::runtime_error naming the file on failure.
  void save(std::string_view aor, std::string_view etag) const;
  // Removes the saved ETag, if any.
  void forget(std::string_view aor) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace credsvc::ua
