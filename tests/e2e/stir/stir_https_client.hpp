// A blocking HTTPS client for the STIR API tests: verifies the server (CA
// PEM, SNI and name), can present a client certificate, one request per
// connection.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace credsvc::testing {

struct StirHttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

struct StirHttpsClientOptions {
  unsigned short port = 0;
  std::string ca_pem;
  std::string server_name = "example.test";
  std::optional<std::string> client_chain_pem;  // client certificate ...
  std::optional<std::string> client_key_pem;    // ... and its PKCS#8 key
};

// POSTs `body` as application/json (with "Authorization: Bearer <token>"
// when `bearer` is set). Throws std::runtime_error when the connection,
// handshake or exchange fails.
StirHttpResponse stir_post(const StirHttpsClientOptions& options, const std::string& target, const std::string& body,
                           const std::optional<std::string>& bearer = std::nullopt,
                           const std::string& content_type = "application/json");

}  // namespace credsvc::testing
