// The HA1 lookup of DigestGate on the store: the user `username@domain`,
// fetched on the store's pool.
#pragma once

#include "db/store.hpp"
#include "uas/digest_gate.hpp"

namespace credsvc::uas {

DigestGate::Ha1Lookup make_store_ha1_lookup(db::Store& store);

}  // namespace credsvc::uas
