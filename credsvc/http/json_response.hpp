// JSON responses of the HTTPS API, and the one error shape every endpoint
// uses: {"error":{"code":"not_found","message":"..."}}.
#pragma once

#include <string>
#include <string_view>

#include "http/http_message.hpp"

namespace credsvc::http {

// `json` must already be a serialised JSON value.
Response make_json_response(Status status, std::string json);
Response make_json_error(Status status, std::string_view code, std::string_view message);

}  // namespace credsvc::http
