// The handle a request handler answers through: one request, answered once,
// from any thread (handlers answer after asynchronous work such as a
// database lookup). The answer is remembered by the server transaction table
// so a retransmitted request gets the same response.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "sip/message.hpp"
#include "sip/message_builder.hpp"
#include "transport/connection.hpp"
#include "txn/server_transactions.hpp"

namespace credsvc::uas {

class ServerTransaction {
 public:
  ServerTransaction(sip::Message request, std::shared_ptr<transport::Connection> connection, std::string key,
                    std::shared_ptr<txn::ServerTransactions> table, std::string to_tag);
  ~ServerTransaction();  // a handler that never answered: 500, so the UAC is not left waiting
  ServerTransaction(const ServerTransaction&) = delete;
  ServerTransaction& operator=(const ServerTransaction&) = delete;

  // The request's Call-ID for log lines ("-" when it has none).
  std::string_view log_call_id() const noexcept { return request_.call_id().value_or(std::string_view("-")); }
  const sip::Message& request() const noexcept { return request_; }
  const std::shared_ptr<transport::Connection>& connection() const noexcept { return connection_; }
  // The tag this server puts in To when the request had none.
  const std::string& to_tag() const noexcept { return to_tag_; }

  // A response skeleton (RFC 3261 §8.2.6) with this transaction's To tag.
  sip::MessageBuilder response(int status, std::string_view reason = {}) const;
  // Sends the final response; later calls are ignored (returns false).
  bool respond(const sip::MessageBuilder& response);
  bool respond(int status, std::string_view reason = {}) { return respond(response(status, reason)); }
  bool answered() const noexcept { return answered_.load(); }

 private:
  sip::Message request_;
  std::shared_ptr<transport::Connection> connection_;
  std::string key_;
  std::shared_ptr<txn::ServerTransactions> table_;
  std::string to_tag_;
  std::atomic<bool> answered_{false};
};

}  // namespace credsvc::uas
