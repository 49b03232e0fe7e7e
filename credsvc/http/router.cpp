#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace credsvc::http {

void Router::add(Verb verb, std::string path, PathMatch match, Handler handler) {
  insert(Route{verb, std::move(path), match, std::move(handler)});
}

void Router::add(Verb verb, std::string path, PathMatch match, AwaitableHandler handler) {
  insert(Route{verb, std::move(path), match, std::move(handler)});
}

void Router::insert(Route route) {
  if (route.path.empty() || route.path.front() != '/') {
    throw std::invalid_argument("HTTP route '" + route.path + "' does not start with '/'");
  }
  const bool empty = std::visit([](const auto& h) { return !h; }, route.handler);
  if (empty) throw std::invalid_argument("HTTP route " + route.path + " has no handler");
  for (const auto& r : routes_) {
    if (r.verb == route.verb && r.path == route.path && r.match == route.match) {
      throw std::invalid_argument("HTTP route " + std::string(beast_http::to_string(route.verb)) + " " +
                                  route.path + " is registered twice");
    }
  }
  routes_.push_back(std::move(route));
}

Router::Resolution Router::resolve(Verb verb, const std::string& path) const {
  // Candidates in order of specificity: exact routes, then prefixes longest first.
  std::vector<const Route*> candidates;
  for (const auto& r : routes_) {
    if (r.match == PathMatch::exact && r.path == path) candidates.push_back(&r);
  }
  std::vector<const Route*> prefixes;
  for (const auto& r : routes_) {
    if (r.match == PathMatch::prefix && path.size() >= r.path.size() && path.compare(0, r.path.size(), r.path) == 0) {
      prefixes.push_back(&r);
    }
  }
  std::stable_sort(prefixes.begin(), prefixes.end(),
                   [](const Route* a, const Route* b) { return a->path.size() > b->path.size(); });
  candidates.insert(candidates.end(), prefixes.begin(), prefixes.end());

  Resolution out;
  if (candidates.empty()) return out;

  auto found = [&](const Route* r) {
    out.kind = Resolution::Kind::found;
    out.handler = &r->handler;
    if (r->match == PathMatch::prefix) out.path_rest = path.substr(r->path.size());
    return out;
  };
  for (const Route* r : candidates) {
    if (r->verb == verb) return found(r);
  }
  if (verb == Verb::head) {
    for (const Route* r : candidates) {
      if (r->verb == Verb::get) return found(r);
    }
  }
  std::set<std::string> methods;
  for (const Route* r : candidates) {
    methods.insert(std::string(beast_http::to_string(r->verb)));
    if (r->verb == Verb::get) methods.insert("HEAD");
  }
  out.kind = Resolution::Kind::method_not_allowed;
  for (const auto& m : methods) out.allow += (out.allow.empty() ? "" : ", ") + m;
  return out;
}

}  // namespace credsvc::http
