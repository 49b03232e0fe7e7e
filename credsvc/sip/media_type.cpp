#include "sip/media_type.hpp"

#include "sip/grammar.hpp"

namespace credsvc::sip {
namespace {

bool params_have_values(const Params& params) {
  for (const Param& p : params.items) {
    if (!p.value) return false;
  }
  return true;
}

Result<MediaType> parse_one(std::string_view element, bool allow_valueless_params) {
  grammar::Scanner sc(element);
  sc.skip_ws();
  const std::string_view type = sc.token();
  if (type.empty() || !sc.separator('/')) return Result<MediaType>::failure("bad media type");
  const std::string_view subtype = sc.token();
  if (subtype.empty()) return Result<MediaType>::failure("bad media subtype");
  MediaType mt;
  mt.type = grammar::lower(type);
  mt.subtype = grammar::lower(subtype);
  if (!parse_params(sc, mt.params) || (!allow_valueless_params && !params_have_values(mt.params))) {
    return Result<MediaType>::failure("bad media type parameter");
  }
  sc.skip_ws();
  if (!sc.done()) return Result<MediaType>::failure("unexpected text after media type");
  return mt;
}

}  // namespace

bool MediaType::is(std::string_view t, std::string_view s) const noexcept {
  return grammar::iequals(type, t) && grammar::iequals(subtype, s);
}

bool MediaType::covers(const MediaType& other) const noexcept {
  if (type == "*") return true;
  if (!grammar::iequals(type, other.type)) return false;
  return subtype == "*" || grammar::iequals(subtype, other.subtype);
}

Result<MediaType> parse_media_type(std::string_view value) { return parse_one(value, false); }

Result<std::vector<MediaType>> parse_accept(std::string_view value) {
  std::vector<MediaType> out;
  if (grammar::trim(value).empty()) return out;  // "Accept:" with no value is legal
  grammar::ListSplitter split(value);
  std::string_view element;
  bool malformed = false;
  while (split.next(element, malformed)) {
    if (malformed || element.empty()) return Result<std::vector<MediaType>>::failure("empty media range");
    // accept-param = ("q" EQUAL qvalue) / generic-param: values are optional.
    auto mt = parse_one(element, true);
    if (!mt) return Result<std::vector<MediaType>>::failure(mt.error());
    out.push_back(std::move(mt).value());
  }
  return out;
}

std::string to_string(const MediaType& mt) {
  std::string out = mt.type + "/" + mt.subtype;
  append_params(out, mt.params);
  return out;
}

Result<ContentDisposition> parse_content_disposition(std::string_view value) {
  grammar::Scanner sc(value);
  sc.skip_ws();
  const std::string_view type = sc.token();
  if (type.empty()) return Result<ContentDisposition>::failure("bad disposition type");
  ContentDisposition cd;
  cd.type = grammar::lower(type);
  if (!parse_params(sc, cd.params)) return Result<ContentDisposition>::failure("bad disposition parameter");
  sc.skip_ws();
  if (!sc.done()) return Result<ContentDisposition>::failure("unexpected text");
  return cd;
}

std::string to_string(const ContentDisposition& cd) {
  std::string out = cd.type;
  append_params(out, cd.params);
  return out;
}

}  // namespace credsvc::sip
