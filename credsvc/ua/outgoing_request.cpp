#include "ua/outgoing_request.hpp"

#include "sip/message_builder.hpp"

namespace credsvc::ua {

std::string LocalAddress::host_port() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string serialize_request(const OutgoingRequest& request, const LocalAddress& local, std::string_view branch,
                              const std::optional<std::string>& authorization) {
  auto b = sip::MessageBuilder::request(request.method, request.request_uri);
  b.add(sip::HeaderId::Via, "SIP/2.0/TLS " + local.host_port() + ";branch=" + std::string(branch));
  b.add(sip::HeaderId::MaxForwards, "70");
  b.add(sip::HeaderId::From, request.from);
  b.add(sip::HeaderId::To, request.to);
  b.add(sip::HeaderId::CallId, request.call_id);
  b.add(sip::HeaderId::CSeq, std::to_string(request.cseq) + " " + request.method);
  // RFC 5630: a sips: request gets a sips: Contact (credsvc answers 480
  // otherwise); transport=tls is deprecated (§3.1.3) and never sent.
  const bool sips = request.request_uri.size() >= 5 && (request.request_uri.compare(0, 5, "sips:") == 0 ||
                                                         request.request_uri.compare(0, 5, "SIPS:") == 0);
  b.add(sip::HeaderId::Contact,
        std::string(sips ? "<sips:" : "<sip:") + request.contact_user + "@" + local.host_port() + ">");
  for (const auto& [name, value] : request.headers) b.add(name, value);
  if (authorization) b.add(sip::HeaderId::Authorization, *authorization);
  b.add(sip::HeaderId::UserAgent, "credsvc");
  b.body(request.content_type, request.body);
  return b.build();
}

}  // namespace credsvc::ua
