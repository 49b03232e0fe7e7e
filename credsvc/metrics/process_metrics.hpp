// The process_* metrics Prometheus clients conventionally export (CPU
// seconds, resident memory, open files, start time), read from /proc at
// scrape time. Linux only; elsewhere the collector reports nothing.
#pragma once

#include "metrics/registry.hpp"

namespace credsvc::metrics {

// Adds the collector to `registry` once (later calls do nothing).
void register_process_metrics(Registry& registry = default_registry());

}  // namespace credsvc::metrics
