// Routes of the HTTPS server: a handler per method and path, the path matched
// exactly or as a prefix. The most specific route wins (an exact path, then
// the longest prefix); a path that matches but not for the request's method
// is a 405 with Allow; HEAD is served by the GET handler when it has none of
// its own (the body is dropped, the headers kept: RFC 9110 §9.3.2).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "http/http_message.hpp"
#include "http/responder.hpp"

namespace credsvc::http {

enum class PathMatch { exact, prefix };

// Answers through the responder, at once or later from any thread.
using Handler = std::function<void(const Request&, const RequestContext&, Responder)>;
// A coroutine on the connection's strand; an exception becomes a 500.
using AwaitableHandler =
    std::function<boost::asio::awaitable<Response>(const Request&, const RequestContext&)>;

class Router {
 public:
  // Throws std::invalid_argument when `path` does not start with '/' or the
  // same method, path and match are registered twice.
  void add(Verb verb, std::string path, PathMatch match, Handler handler);
  void add(Verb verb, std::string path, PathMatch match, AwaitableHandler handler);

  struct Resolution {
    enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
    const std::variant<Handler, AwaitableHandler>* handler = nullptr;  // when found
    std::string path_rest;  // for a prefix route: what follows the prefix
    std::string allow;      // for method_not_allowed: "GET, HEAD"
  };
  // `path` is the decoded path (see request_target.hpp).
  Resolution resolve(Verb verb, const std::string& path) const;

 private:
  struct Route {
    Verb verb;
    std::string path;
    PathMatch match;
    std::variant<Handler, AwaitableHandler> handler;
  };
  void insert(Route route);

  std::vector<Route> routes_;
};

}  // namespace credsvc::http
