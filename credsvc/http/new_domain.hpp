// A domain an administrator adds: its name and realm and the certified keys
// given for it; those not given are issued by the local test CA, which only
// the embedded default has (development). Shared by `credsvc admin domain
// add` and POST /api/v1/domains. No I/O here: the issuer is the caller's.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "certs/certified_key.hpp"
#include "db/records.hpp"

namespace credsvc::http {

struct NewDomain {
  std::string name;   // normalised (http/admin_names.hpp)
  std::string realm;  // Digest realm; empty: the name
  std::optional<db::PemPair> tls;       // checked (checked_pem_pair)
  std::optional<db::PemPair> identity;  // checked
};

// A domain record with TLS and identity certificates from the test CA.
using TestCaIssuer = std::function<db::Domain(const std::string& name)>;

// A certified key is missing and there is no test CA to issue it.
class TestCaUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The record to store: the given pairs, and the test CA's for those missing.
// Throws TestCaUnavailable when a pair is missing and `issuer` is empty.
db::Domain domain_record(NewDomain request, const TestCaIssuer& issuer);

// `chain_pem` and `key_pem` checked (certs::check_certified_key) and
// normalised as the store keeps them; throws certs::CertifiedKeyError.
db::PemPair checked_pem_pair(std::string_view chain_pem, std::string_view key_pem, certs::CertifiedKeyUse use);

}  // namespace credsvc::http
