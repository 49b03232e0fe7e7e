#include "txn/client_transactions.hpp"

#include <boost/asio/post.hpp>

#include "txn/transaction_key.hpp"

namespace credsvc::txn {

ClientTransactions::~ClientTransactions() {
  std::lock_guard lock(mutex_);
  for (auto& [branch, p] : pending_) p.timer->cancel();
}

void ClientTransactions::send(const std::shared_ptr<transport::Connection>& connection, const std::string& branch,
                              std::string request, Callback callback) {
  auto timer = std::make_unique<boost::asio::steady_timer>(executor_, timer_f_);
  timer->async_wait([this, branch](const boost::system::error_code& ec) {
    if (!ec) finish(branch, ClientOutcome::timeout, nullptr);
  });
  {
    std::lock_guard lock(mutex_);
    pending_[branch] = Pending{connection->id(), std::move(callback), std::move(timer)};
  }
  connection->send(std::move(request));
}

bool ClientTransactions::on_response(const sip::Message& response) {
  const auto key = client_transaction_key(response);
  if (!key) return false;
  {
    std::lock_guard lock(mutex_);
    if (pending_.find(*key) == pending_.end()) return false;
  }
  if (response.status() >= 200) finish(*key, ClientOutcome::response, &response);
  return true;
}

void ClientTransactions::on_flow_closed(transport::FlowId flow) {
  std::vector<std::string> ended;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [branch, p] : pending_) {
      if (p.flow == flow) ended.push_back(branch);
    }
  }
  for (const auto& b : ended) finish(b, ClientOutcome::transport_error, nullptr);
}

void ClientTransactions::finish(const std::string& branch, ClientOutcome outcome, const sip::Message* response) {
  Callback cb;
  {
    std::lock_guard lock(mutex_);
    const auto it = pending_.find(branch);
    if (it == pending_.end()) return;
    cb = std::move(it->second.callback);
    it->second.timer->cancel();
    pending_.erase(it);
  }
  if (response != nullptr) {
    // The response object lives on the caller's stack: run the callback now.
    cb(outcome, response);
  } else {
    boost::asio::post(executor_, [cb = std::move(cb), outcome] { cb(outcome, nullptr); });
  }
}

std::size_t ClientTransactions::size() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

}  // namespace credsvc::txn
