#include "cli/admin_token_commands.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <iostream>

#include "db/token_table.hpp"
#include "http/admin_json.hpp"
#include "http/time_format.hpp"

namespace credsvc::cli {
namespace asio = boost::asio;
namespace json = boost::json;
using http::format_utc;

namespace {

// What only the token commands take; the database and --json come from AdminOptions.
struct TokenOptions {
  std::string name;
  std::string scope = "stir";
  std::string id;
};

int token_create(const AdminOptions& o, const TokenOptions& t) {
  AdminSession s(o);
  const auto created = s.store.async_create_api_token(t.name, t.scope, admin_actor(), asio::use_future).get();
  // The only output on stdout, so `TOKEN=$(credsvc admin token create ...)` works.
  std::cout << created.text << "\n";
  std::cerr << "created token " << created.token.id << " (" << created.token.scope
            << "); it is shown only this once\n";
  return 0;
}

int token_list(const AdminOptions& o, const TokenOptions&) {
  AdminSession s(o);
  const auto tokens = s.store.async_list_api_tokens(asio::use_future).get();
  if (o.json) {
    json::array a;
    for (const auto& t : tokens) a.emplace_back(http::api_token_json(t));
    std::cout << json::serialize(a) << "\n";
    return 0;
  }
  for (const auto& t : tokens) {
    std::cout << t.id << "\t" << t.scope << "\t" << t.name << "\t" << format_utc(t.created_at) << "\t"
              << (t.revoked_at ? "revoked " + format_utc(*t.revoked_at) : std::string("active")) << "\n";
  }
  return 0;
}

int token_revoke(const AdminOptions& o, const TokenOptions& t) {
  AdminSession s(o);
  const auto revoked = s.store.async_revoke_api_token(t.id, admin_actor(), asio::use_future).get();
  std::cout << "revoked token " << revoked.id << " (" << revoked.name << ")\n";
  return 0;
}

}  // namespace

void add_admin_token_commands(CLI::App& admin, const std::shared_ptr<AdminOptions>& o, int& exit_code) {
  auto t = std::make_shared<TokenOptions>();
  const auto run = [o, t, &exit_code](int (*fn)(const AdminOptions&, const TokenOptions&)) {
    return [o, t, &exit_code, fn] { exit_code = fn(*o, *t); };
  };
  auto* token = admin.add_subcommand("token", "API tokens for the HTTPS APIs (stored hashed)")->require_subcommand(1);
  auto* create = token->add_subcommand("create", "Create a token and print it, once, on standard output");
  create->add_option("NAME", t->name, "what the token is for (e.g. the SBC using it)")->required();
  create->add_option("--scope", t->scope, "what it may call: stir (signing/verification) or admin")
      ->check(CLI::IsMember({"stir", "admin"}))
      ->capture_default_str();
  create->callback(run(token_create));
  auto* list = token->add_subcommand("list", "List tokens (never their secrets)");
  list->add_flag("--json", o->json, "one JSON array");
  list->callback(run(token_list));
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by its id");
  revoke->add_option("ID", t->id, "the token's id (the part after csv_)")->required();
  revoke->callback(run(token_revoke));
}

}  // namespace credsvc::cli
