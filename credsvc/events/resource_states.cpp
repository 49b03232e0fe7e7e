#include "events/resource_states.hpp"

#include <chrono>

#include "sip/multipart.hpp"

namespace credsvc::events {

ResourceState certificate_state(const db::Credential* credential) {
  ResourceState state;
  if (!credential) {
    state.key = "none";
    return state;
  }
  state.present = true;
  state.content.content_type = "application/pkix-cert";
  state.content.body.assign(credential->certificate_der.begin(), credential->certificate_der.end());
  state.key = std::to_string(credential->version) + ":" + credential->spki_sha256;
  return state;
}

ResourceState credential_state(const db::Credential& credential) {
  std::vector<sip::PartSpec> parts;
  parts.push_back(sip::PartSpec{"application/pkix-cert", {}, {},
                                std::string(credential.certificate_der.begin(), credential.certificate_der.end())});
  if (credential.pkcs8_der) {
    parts.push_back(sip::PartSpec{"application/pkcs8", {}, {},
                                  std::string(credential.pkcs8_der->begin(), credential.pkcs8_der->end())});
  }
  auto built = sip::build_multipart(parts);
  ResourceState state;
  state.present = true;
  state.content.content_type = std::move(built.content_type);
  state.content.body = std::move(built.body);
  state.content.etag = credential.etag;
  state.key = std::to_string(credential.version) + ":" + credential.etag;
  return state;
}

std::string owner_stamp(const db::User& user) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(user.password_changed_at.time_since_epoch()).count());
}

}  // namespace credsvc::events
