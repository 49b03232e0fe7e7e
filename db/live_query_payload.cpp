#include "db/live_query_payload.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>

namespace credsvc::db {
namespace json = boost::json;

namespace {

constexpr std::size_t max_aor = 1024;

// Our own channel names only: an instance never notifies a channel it was not
// meant to, and LISTEN takes the name as an identifier.
bool valid_reply_channel(std::string_view c) {
  if (!c.starts_with(live_reply_prefix) || c.size() > 63) return false;
  const auto hex = c.substr(live_reply_prefix.size());
  return hex.size() >= 16 && std::all_of(hex.begin(), hex.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

std::optional<json::object> parse_object(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::optional<std::string> string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<std::int64_t> count_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64() && v->get_int64() >= 0) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(std::min<std::uint64_t>(v->get_uint64(), INT64_MAX));
  return std::nullopt;
}

}  // namespace

std::string live_query_payload(const LiveQuery& query) {
  return json::serialize(json::object{{"aor", query.aor}, {"reply", query.reply_channel}});
}

std::optional<LiveQuery> parse_live_query(std::string_view payload) {
  const auto o = parse_object(payload);
  if (!o) return std::nullopt;
  auto aor = string_field(*o, "aor");
  auto reply = string_field(*o, "reply");
  if (!aor || aor->empty() || aor->size() > max_aor || !reply || !valid_reply_channel(*reply)) return std::nullopt;
  return LiveQuery{std::move(*aor), std::move(*reply)};
}

std::string instance_counts_payload(const InstanceCounts& c) {
  return json::serialize(json::object{{"instance", c.instance},
                                      {"host", c.host},
                                      {"pid", c.pid},
                                      {"certificate", c.certificate},
                                      {"credential", c.credential}});
}

std::optional<InstanceCounts> parse_instance_counts(std::string_view payload) {
  const auto o = parse_object(payload);
  if (!o) return std::nullopt;
  auto instance = string_field(*o, "instance");
  auto host = string_field(*o, "host");
  const auto pid = count_field(*o, "pid");
  const auto certificate = count_field(*o, "certificate");
  const auto credential = count_field(*o, "credential");
  if (!instance || instance->empty() || !host || !pid || !certificate || !credential) return std::nullopt;
  return InstanceCounts{std::move(*instance), std::move(*host), *pid, static_cast<std::uint64_t>(*certificate),
                        static_cast<std::uint64_t>(*credential)};
}

}  // namespace credsvc::db
