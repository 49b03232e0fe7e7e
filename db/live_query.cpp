#include "db/live_query.hpp"

#include <algorithm>
#include <pqxx/nontransaction>
#include <pqxx/notification>

#include "db/random_id.hpp"

namespace credsvc::db {

namespace {

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
  const std::string channel = std::string(live_reply_prefix) + random_hex(12);
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

void answer_live_query(pqxx::connection_base& conn, const LiveQuery& query, const InstanceCounts& counts) {
  pqxx::nontransaction tx(conn);
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
