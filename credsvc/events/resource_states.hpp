// A published credential as each package reports it in a NOTIFY.
#pragma once

#include <optional>

#include "db/records.hpp"
#include "events/subscription_state.hpp"

namespace credsvc::events {

// RFC 6072 §7.7: the DER certificate as application/pkix-cert; none
// published (or revoked): no body.
ResourceState certificate_state(const db::Credential* credential);

// RFC 6072 §8.7: multipart/mixed with the certificate and, when stored, the
// PKCS#8 key (both binary), and the publication's etag for the Event header.
// Only for a published credential.
ResourceState credential_state(const db::Credential& credential);

// A stamp of the owner's password: a change ends credential subscriptions.
std::string owner_stamp(const db::User& user);

}  // namespace credsvc::events
