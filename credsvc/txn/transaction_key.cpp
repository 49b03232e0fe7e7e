#include "txn/transaction_key.hpp"

#include <openssl/rand.h>

#include <array>

namespace credsvc::txn {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::string> server_transaction_key(const sip::Message& request) {
  const sip::Via* via = request.top_via();
  if (via == nullptr || request.cseq() == nullptr) return std::nullopt;
  // ACK belongs to the INVITE's transaction (§17.2.3).
  const std::string method = request.method() == sip::Method::Ack ? "INVITE" : std::string(request.method_name());
  const auto branch = via->branch();
  if (branch && branch->substr(0, sip::kBranchMagicCookie.size()) == sip::kBranchMagicCookie) {
    // Branch comparison is case-sensitive; sent-by host is not.
    return std::string(*branch) + '\x1f' + lower(via->sent_by()) + '\x1f' + method;
  }
  // RFC 2543 peers (§17.2.3, last paragraph).
  std::string key = "2543\x1f";
  key += request.request_uri_text();
  key += '\x1f';
  if (const auto* to = request.to(); to != nullptr && to->tag()) key += *to->tag();
  key += '\x1f';
  if (const auto* from = request.from(); from != nullptr && from->tag()) key += *from->tag();
  key += '\x1f';
  if (const auto cid = request.call_id()) key += *cid;
  key += '\x1f' + std::to_string(request.cseq()->number) + '\x1f' + method + '\x1f' + sip::to_string(*via);
  return key;
}

std::optional<std::string> client_transaction_key(const sip::Message& response) {
  const sip::Via* via = response.top_via();
  if (via == nullptr) return std::nullopt;
  const auto branch = via->branch();
  if (!branch) return std::nullopt;
  return std::string(*branch);
}

std::string new_branch() {
  std::array<unsigned char, 12> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string branch(sip::kBranchMagicCookie);
  for (const unsigned char b : random) {
    branch.push_back(kHex[b >> 4]);
    branch.push_back(kHex[b & 0x0f]);
  }
  return branch;
}

}  // namespace credsvc::txn
