#include "uas/server_transaction.hpp"

#include <spdlog/spdlog.h>

#include "uas/sip_metrics.hpp"

namespace credsvc::uas {

ServerTransaction::ServerTransaction(sip::Message request, std::shared_ptr<transport::Connection> connection,
                                     std::string key, std::shared_ptr<txn::ServerTransactions> table,
                                     std::string to_tag)
    : request_(std::move(request)),
      connection_(std::move(connection)),
      key_(std::move(key)),
      table_(std::move(table)),
      to_tag_(std::move(to_tag)) {}

ServerTransaction::~ServerTransaction() {
  if (!answered_.load()) {
    spdlog::error("request {} left unanswered by its handler; answering 500",
                  request_.call_id().value_or(std::string_view("?")));
    try {
      respond(500, "Server Internal Error");
    } catch (...) {
      // Nothing more can be done from a destructor.
    }
  }
}

sip::MessageBuilder ServerTransaction::response(int status, std::string_view reason) const {
  return sip::make_response(request_, status, reason, status > 100 ? std::string_view(to_tag_) : std::string_view());
}

bool ServerTransaction::respond(const sip::MessageBuilder& response) {
  if (answered_.exchange(true)) return false;
  std::string bytes = response.build();
  count_response(request_, bytes);
  table_->complete(key_, bytes, txn::ServerTransactions::Clock::now());
  // RFC 3261 §18.2.2: on the connection the request arrived on.
  connection_->send(std::move(bytes));
  return true;
}

}  // namespace credsvc::uas
