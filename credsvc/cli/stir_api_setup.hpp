// `credsvc serve`: the STIR HTTPS API (http/stir_routes.hpp) from the serve
// options. Signing is on with --stir-key (and --stir-x5u), verification with
// --stir-trust-anchor (x5u hosts from --stir-verify-host).
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "cli/serve_command.hpp"
#include "identity/passport_signer.hpp"

namespace CLI {
class App;
}
namespace credsvc::db {
class Store;
}
namespace credsvc::http {
class HttpsServer;
}

namespace credsvc::cli {

// The PASSporT signer of --stir-key/--stir-x5u (null without --stir-key),
// shared by the SIP redirect mode and the HTTPS API. Throws naming the fault.
std::shared_ptr<identity::PassportSigner> make_stir_signer(const ServeOptions& options);

// Adds --stir-verify-host, --stir-trust-anchor and --stir-max-age to `serve`.
void add_stir_api_options(CLI::App& serve, ServeOptions& options);

// Registers the configured routes on `https` (before it starts). Throws
// std::invalid_argument / std::runtime_error naming a bad option or file.
void setup_stir_api(http::HttpsServer& https, boost::asio::io_context& io, db::Store& store,
                    const ServeOptions& options, std::shared_ptr<const identity::PassportSigner> signer);

}  // namespace credsvc::cli
