#pragma once
#include <string>

namespace credsvc::events {

// A fresh RFC 3903 entity-tag: 128 random bits, hex.
std::string new_entity_tag();

}  // namespace credsvc::events
