#include "db/row_codec.hpp"

#include <chrono>

namespace credsvc::db::detail {

std::int64_t to_micros(TimePoint t) {
  return std::chrono::floor<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint from_micros(std::int64_t micros) {
  return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::microseconds(micros)));
}

pqxx::binarystring bytea_param(const Bytes& bytes) { return pqxx::binarystring(bytes.data(), bytes.size()); }

TimePoint time_field(const pqxx::field& f) { return from_micros(f.as<std::int64_t>()); }

Bytes bytea_field(const pqxx::field& f) {
  const pqxx::binarystring raw(f);
  return Bytes(raw.begin(), raw.end());
}

std::optional<Bytes> optional_bytea_field(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return bytea_field(f);
}

std::optional<std::string> optional_text_field(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string canonical_aor(const std::string& aor) {
  const auto at = aor.rfind('@');
  if (at == std::string::npos) return aor;
  return aor.substr(0, at + 1) + lower_ascii(aor.substr(at + 1));
}

std::string aor_domain(const std::string& aor) {
  const auto at = aor.rfind('@');
  return at == std::string::npos ? std::string() : aor.substr(at + 1);
}

}  // namespace credsvc::db::detail
