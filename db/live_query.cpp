#include "db/live_query.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <pqxx/nontransaction>
#include <pqxx/notification>

#include "db/random_id.hpp"

namespace credsvc::db {
namespace json = boost::json;

namespace {

constexpr std::string_view reply_prefix = "credsvc_reply_";
constexpr std::size_t max_aor = 1024;

// Our own channel names only: an instance never notifies a channel it was not
// meant to, and LISTEN takes the name as an identifier.
bool valid_reply_channel(std::string_view c) {
  if (!c.starts_with(reply_prefix) || c.size() > 63) return false;
  const auto hex = c.substr(reply_prefix.size());
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

// Hands each answer on the reply channel to the collector.
class AnswerReceiver final : public pqxx::notification_receiver {
 public:
  AnswerReceiver(pqxx::connection_base& conn, const std::string& channel, LiveSubscribers& into)
      : pqxx::notification_receiver(conn, channel), into_(into) {}

  void operator()(const std::string& payload, int /*backend_pid*/) override {
    auto counts = parse_instance_counts(payload);
    if (!counts) return;
    const bool seen = std::any_of(into_.answers.begin(), into_.answers.end(),
                                  [&](const InstanceCounts& a) { return a.instance == counts->instance; });
    if (!seen) into_.answers.push_back(std::move(*counts));
  }

 private:
  LiveSubscribers& into_;
};

}  // namespace

std::uint64_t LiveSubscribers::certificate() const {
  std::uint64_t n = 0;
  for (const auto& a : answers) n += a.certificate;
  return n;
}

std::uint64_t LiveSubscribers::credential() const {
  std::uint64_t n = 0;
  for (const auto& a : answers) n += a.credential;
  return n;
}

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

LiveSubscribers ask_live_subscribers(pqxx::connection_base& conn, const std::string& aor,
                                     std::chrono::milliseconds wait) {
  LiveSubscribers out;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec(
        "SELECT count(*) FROM instances "
        "WHERE seen_at > now() - make_interval(secs => 3 * heartbeat_seconds)");
    out.running = r[0][0].as<std::size_t>();
  }
  if (out.running == 0) return out;
  const std::string channel = std::string(reply_prefix) + random_hex(12);
  AnswerReceiver receiver(conn, channel, out);  // LISTEN; UNLISTEN when it goes
  {
    pqxx::nontransaction tx(conn);
    tx.exec_params("SELECT pg_notify($1, $2)", std::string(live_query_channel),
                   live_query_payload(LiveQuery{aor, channel}));
  }
  while (!out.complete()) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    conn.await_notification(static_cast<long>(left.count() / 1000000), static_cast<long>(left.count() % 1000000));
  }
  return out;
}

void answer_live_query(pqxx::work& tx, const LiveQuery& query, const InstanceCounts& counts) {
  tx.exec_params("SELECT pg_notify($1, $2)", query.reply_channel, instance_counts_payload(counts));
}

void register_instance(pqxx::connection_base& conn, const InstanceRecord& record) {
  pqxx::nontransaction tx(conn);
  tx.exec_params(
      "INSERT INTO instances (id, host, pid, heartbeat_seconds) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET seen_at = now(), host = EXCLUDED.host, pid = EXCLUDED.pid, "
      "heartbeat_seconds = EXCLUDED.heartbeat_seconds",
      record.id, record.host, record.pid, static_cast<std::int64_t>(std::max<std::int64_t>(record.heartbeat.count(), 1)));
  tx.exec("DELETE FROM instances WHERE seen_at < now() - interval '1 day'");
}

void unregister_instance(pqxx::connection_base& conn, const std::string& id) {
  pqxx::nontransaction tx(conn);
  tx.exec_params("DELETE FROM instances WHERE id = $1", id);
}

}  // namespace credsvc::db
