// The request and response types handlers see, and what the server knows of
// the connection a request came on.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <string>
#include <vector>

#include "certs/certificate.hpp"

namespace credsvc::http {

namespace beast_http = boost::beast::http;
using Verb = beast_http::verb;
using Status = beast_http::status;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;

struct RequestContext {
  boost::asio::ip::tcp::endpoint remote;
  // Domain whose certificate the TLS handshake used (SNI match or default).
  std::string domain;
  // The request path, percent-decoded and checked (see request_target.hpp).
  std::string path;
  // For a prefix route: the part of `path` after the prefix; else empty.
  std::string path_rest;
  // The query, still percent-encoded, without '?' (empty when absent).
  std::string query;
  // The client presented a certificate and it verified against the
  // domain's client CAs (--client-ca); its subject, one line, when it did.
  bool client_verified = false;
  std::string client_subject;
  // Whatever certificate chain the client presented (leaf first), verified
  // or not: services with CAs of their own check it (http/admin_auth.hpp).
  std::vector<certs::Certificate> client_chain;
};

}  // namespace credsvc::http
