// Certificates and keys for the admin API unit tests, made at test time.
#pragma once

#include <string>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

namespace credsvc::testing::admin {

struct Issued {
  certs::PrivateKey key;
  certs::Certificate cert;
  std::string chain_pem;  // leaf then CA
  std::string key_pem;    // PKCS#8
};

// A leaf for `key` named `name` (CN and SAN DNS), issued by a test CA made once per process.
Issued issue_leaf(const std::string& name, const certs::PrivateKey& key);

// Keys made once per process (RSA generation is slow under ASan).
const certs::PrivateKey& p256_key();
const certs::PrivateKey& other_p256_key();
const certs::PrivateKey& rsa2048_key();
const certs::PrivateKey& rsa1024_key();

}  // namespace credsvc::testing::admin
