#include "http/identity_routes.hpp"

#include <boost/beast/http/field.hpp>
#include <algorithm>

#include "http/json_response.hpp"

namespace credsvc::http {

namespace {

// A host name as DNS has it (RFC 1123 §2.1): labels of letters, digits and
// hyphens, 1 to 63 long, not starting or ending with a hyphen; 253 in all.
bool is_dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  char previous = '.';
  for (const char c : name) {
    if (c == '.') {
      if (label == 0 || previous == '-') return false;
      label = 0;
    } else {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok || (label == 0 && c == '-') || ++label > 63) return false;
    }
    previous = c;
  }
  return label > 0 && previous != '-';
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string cache_control(std::chrono::seconds max_age, std::chrono::system_clock::time_point not_after,
                          std::chrono::system_clock::time_point now) {
  const auto remaining = std::chrono::duration_cast<std::chrono::seconds>(not_after - now);
  const auto age = std::max(std::chrono::seconds(0), std::min(max_age, remaining));
  return "public, max-age=" + std::to_string(age.count());
}

}  // namespace

Response identity_response(const IdentityDirectory& directory, std::string_view name, const Request& request,
                           const IdentityRouteOptions& options, std::chrono::system_clock::time_point now) {
  enum class Form { der, pem };
  Form form;
  std::string_view domain_part;
  if (name.size() > 4 && name.substr(name.size() - 4) == ".cer") {
    form = Form::der;
  } else if (name.size() > 4 && name.substr(name.size() - 4) == ".pem") {
    form = Form::pem;
  } else {
    return make_json_error(Status::not_found, "not_found", "identity certificates are <domain>.cer or <domain>.pem");
  }
  domain_part = name.substr(0, name.size() - 4);
  const std::string domain = lower(domain_part);
  if (!is_dns_name(domain)) return make_json_error(Status::bad_request, "bad_request", "not a domain name");
  const auto doc = directory.find(domain);
  if (!doc) return make_json_error(Status::not_found, "not_found", "no identity certificate for " + domain);

  const std::string etag = "\"" + doc->leaf_fingerprint + (form == Form::der ? "-cer" : "-pem") + "\"";
  const auto not_after = form == Form::der ? doc->leaf_not_after : doc->chain_not_after;
  Response res{Status::ok, request.version()};
  res.set(beast_http::field::etag, etag);
  res.set(beast_http::field::cache_control, cache_control(options.max_age, not_after, now));
  // RFC 9110 §13.1.2: a matching validator needs no body.
  const auto if_none_match = request[beast_http::field::if_none_match];
  if (!if_none_match.empty() &&
      (if_none_match == "*" || std::string_view(if_none_match.data(), if_none_match.size()).find(etag) !=
                                   std::string_view::npos)) {
    res.result(Status::not_modified);
    return res;
  }
  if (form == Form::der) {
    res.set(beast_http::field::content_type, "application/pkix-cert");
    res.body().assign(doc->leaf_der.begin(), doc->leaf_der.end());
  } else {
    res.set(beast_http::field::content_type, "application/pem-certificate-chain");
    res.body() = doc->chain_pem;
  }
  res.prepare_payload();
  return res;
}

void add_identity_routes(HttpsServer& server, std::shared_ptr<const IdentityDirectory> directory,
                         IdentityRouteOptions options) {
  server.route(Verb::get, "/identity/", PathMatch::prefix,
               [directory = std::move(directory), options](const Request& request, const RequestContext& context,
                                                           Responder responder) {
                 responder.send(identity_response(*directory, context.path_rest, request, options,
                                                  std::chrono::system_clock::now()));
               });
}

}  // namespace credsvc::http
