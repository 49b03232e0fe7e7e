// SIP parse/serialize/framing cost for a typical certificate SUBSCRIBE
// (sips: URIs, 13 headers). Run from a Release build:
//   build/siprel/bench/sip_parse_bench
// For an instruction profile, `--loop=N` runs N parse + serialize rounds
// without the benchmark harness (under callgrind, the difference between two
// values of N gives the cost of one round; see bench/RESULTS.md).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/framing.hpp"
#include "sip/message_builder.hpp"
#include "sip/parser.hpp"
#include "sip/request_validation.hpp"

namespace {

using namespace credsvc::sip;

const std::string kSubscribe =
    "SUBSCRIBE sips:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TLS ua.example.net:5061;branch=z9hG4bK74bf9a2c1;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Bob\" <sips:bob@example.net>;tag=9fxced76sl\r\n"
    "To: <sips:alice@example.com>\r\n"
    "Call-ID: 3848276298220188511@ua.example.net\r\n"
    "CSeq: 1 SUBSCRIBE\r\n"
    "Contact: <sips:bob@ua.example.net:5061;transport=tcp>\r\n"
    "Event: certificate\r\n"
    "Accept: application/pkix-cert\r\n"
    "Expires: 3600\r\n"
    "Supported: path, gruu\r\n"
    "User-Agent: credsvc-bench/1.0\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

void BM_SipParse(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult r = parse_message(std::string_view(kSubscribe));
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(kSubscribe.size()));
}
BENCHMARK(BM_SipParse);

void BM_SipParseSerialize(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult r = parse_message(std::string_view(kSubscribe));
    std::string wire = serialize(r.msg);
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_SipParseSerialize);

// What the server does per request: parse, validate, and build the 200.
void BM_SipParseValidateRespond(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult r = parse_message(std::string_view(kSubscribe));
    RequestCheck c = validate_request(r.msg);
    std::string resp = make_response(r.msg, 200, {}, "a6c85cf").add(HeaderId::Expires, "3600").build();
    benchmark::DoNotOptimize(c);
    benchmark::DoNotOptimize(resp);
  }
}
BENCHMARK(BM_SipParseValidateRespond);

void BM_SipFraming(benchmark::State& state) {
  for (auto _ : state) {
    Frame f = find_frame(kSubscribe);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_SipFraming);

// One round of BM_SipParseSerialize, kept out of line for the profile.
[[gnu::noinline]] std::size_t parse_serialize_once() {
  const ParseResult r = parse_message(std::string_view(kSubscribe));
  return serialize(r.msg).size();
}

}  // namespace

int main(int argc, char** argv) {
  constexpr std::string_view kLoop = "--loop=";
  if (argc == 2 && std::string_view(argv[1]).starts_with(kLoop)) {
    const long rounds = std::strtol(argv[1] + kLoop.size(), nullptr, 10);
    std::size_t bytes = 0;
    for (long i = 0; i < rounds; ++i) bytes += parse_serialize_once();
    return bytes == static_cast<std::size_t>(rounds) * kSubscribe.size() ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
