// The UAS core (RFC 3261 §8.2): takes framed messages from the transport,
// parses them, matches server transactions, checks method, headers, URI
// schemes and extensions in the order §8.2 gives, answers what it can itself
// (OPTIONS and every error), and hands SUBSCRIBE and PUBLISH to the event
// package registered for their Event header.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sip/event_headers.hpp"
#include "transport/connection.hpp"
#include "transport/flow_table.hpp"
#include "transport/transport_limits.hpp"
#include "txn/client_transactions.hpp"
#include "txn/server_transactions.hpp"
#include "uas/server_transaction.hpp"

namespace credsvc::uas {

// An event package (RFC 6665 §7.2): receives the SUBSCRIBE and PUBLISH
// requests whose Event names it, after the core's checks.
class EventPackage {
 public:
  virtual ~EventPackage() = default;
  virtual void on_subscribe(std::shared_ptr<ServerTransaction> txn, const sip::EventHeader& event) = 0;
  virtual void on_publish(std::shared_ptr<ServerTransaction> txn, const sip::EventHeader& event) = 0;
  // MIME types its PUBLISH bodies and NOTIFYs use (for OPTIONS' Accept).
  virtual std::vector<std::string> media_types() const = 0;
};

struct UasOptions {
  transport::TransportLimits limits;
  txn::ServerTransactionOptions transactions;
  std::chrono::milliseconds timer_f{32'000};  // 64 × T1
  // Option tags this server supports (Require: others → 420).
  std::vector<std::string> supported;
  // RFC 4475 zeromf: an endpoint may process Max-Forwards: 0; credsvc,
  // reached through proxies, answers 483 like a proxy would.
  bool max_forwards_zero_is_483 = true;
};

class UasCore : public transport::ConnectionHandler, public std::enable_shared_from_this<UasCore> {
 public:
  UasCore(boost::asio::any_io_executor executor, UasOptions options, transport::FlowTable& flows);
  ~UasCore() override;

  // Before start(): packages by Event name ("certificate", "credential").
  void register_package(const std::string& name, std::shared_ptr<EventPackage> package);
  // Before start(): who answers INVITE (the STIR redirect service); without
  // one, INVITE gets 405.
  void set_invite_handler(std::function<void(const std::shared_ptr<ServerTransaction>&)> handler);
  // Called with the id of each connection that closes (subscriptions end).
  void on_flow_closed(std::function<void(transport::FlowId)> observer);
  void start();
  void stop();

  txn::ClientTransactions& client_transactions() { return client_; }
  transport::FlowTable& flows() { return flows_; }
  // The Allow header value.
  std::string allow_header() const;
  std::string allow_events_header() const;

  // transport::ConnectionHandler
  void on_connected(const std::shared_ptr<transport::Connection>& connection) override;
  void on_message(const std::shared_ptr<transport::Connection>& connection, std::string message) override;
  void on_unframeable(const std::shared_ptr<transport::Connection>& connection, std::string_view received,
                      std::string_view reason) override;
  void on_closed(const transport::Connection& connection) override;

 private:
  void handle_request(const std::shared_ptr<transport::Connection>& connection, sip::Message request);
  void dispatch(const std::shared_ptr<ServerTransaction>& txn);
  void answer_options(const std::shared_ptr<ServerTransaction>& txn);
  void arm_purge();

  boost::asio::any_io_executor executor_;
  UasOptions options_;
  transport::FlowTable& flows_;
  std::shared_ptr<txn::ServerTransactions> server_;
  txn::ClientTransactions client_;
  std::map<std::string, std::shared_ptr<EventPackage>> packages_;
  std::vector<std::function<void(transport::FlowId)>> close_observers_;
  std::function<void(const std::shared_ptr<ServerTransaction>&)> invite_handler_;
  boost::asio::steady_timer purge_timer_;
  bool stopped_ = false;
};

// A random tag for To/From (RFC 3261 §19.3: at least 32 bits of randomness).
std::string new_tag();

}  // namespace credsvc::uas
