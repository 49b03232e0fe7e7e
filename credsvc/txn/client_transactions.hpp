// Non-INVITE client transactions for the requests credsvc sends (NOTIFY) over
// a reliable transport (RFC 3261 §17.1.2): no retransmission, Timer F = 64×T1
// bounds the wait for a final response; a closed connection ends them too.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "sip/message.hpp"
#include "transport/connection.hpp"

namespace credsvc::txn {

enum class ClientOutcome { response, timeout, transport_error };

class ClientTransactions {
 public:
  // `response` is set only for ClientOutcome::response (a final response).
  using Callback = std::function<void(ClientOutcome outcome, const sip::Message* response)>;

  ClientTransactions(boost::asio::any_io_executor executor, std::chrono::milliseconds timer_f = std::chrono::seconds(32))
      : executor_(std::move(executor)), timer_f_(timer_f) {}
  ~ClientTransactions();

  // Sends `request`, whose top Via carries `branch`, on `connection`; the
  // callback runs once, on this object's executor.
  void send(const std::shared_ptr<transport::Connection>& connection, const std::string& branch, std::string request,
            Callback callback);
  // A response arrived; true when it belonged to a transaction here.
  // Provisional responses keep the transaction open.
  bool on_response(const sip::Message& response);
  // Ends the transactions that were sent on the flow.
  void on_flow_closed(transport::FlowId flow);
  std::size_t size() const;

 private:
  struct Pending {
    transport::FlowId flow;
    Callback callback;
    std::unique_ptr<boost::asio::steady_timer> timer;
  };
  void finish(const std::string& branch, ClientOutcome outcome, const sip::Message* response);

  boost::asio::any_io_executor executor_;
  std::chrono::milliseconds timer_f_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Pending> pending_;
};

}  // namespace credsvc::txn
