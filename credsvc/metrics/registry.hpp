// Named metric families with labels, and their Prometheus text exposition
// (format 0.0.4). A family hands out one metric per label set and keeps it
// for the life of the registry, so references stay valid. Values known only
// at scrape time (open connections, pool use) come from collectors.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "metrics/metric.hpp"

namespace credsvc::metrics {

using Labels = std::vector<std::string>;  // values, in the family's label-name order

template <class Metric>
class Family {
 public:
  Family(std::vector<std::string> label_names, std::function<std::unique_ptr<Metric>()> make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}

  // Throws std::invalid_argument when the number of values is wrong.
  Metric& with(const Labels& values);
  Metric& get() { return with({}); }

  const std::vector<std::string>& label_names() const { return label_names_; }
  // Visits every label set, in order.
  void for_each(const std::function<void(const Labels&, const Metric&)>& visit) const;

 private:
  std::vector<std::string> label_names_;
  std::function<std::unique_ptr<Metric>()> make_;
  mutable std::mutex mutex_;
  std::map<Labels, std::unique_ptr<Metric>> metrics_;
};

// One sample written by a collector at scrape time.
struct Sample {
  std::string name;  // family name
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};
struct CollectedFamily {
  std::string name;
  std::string help;
  std::string type;  // "gauge" or "counter"
  std::vector<Sample> samples;
};
using Collector = std::function<std::vector<CollectedFamily>()>;

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Registering the same name twice returns the first family when kind and
  // labels agree; throws std::invalid_argument otherwise, or on a name or
  // label name that Prometheus would refuse.
  Family<Counter>& counter(const std::string& name, const std::string& help, std::vector<std::string> labels = {});
  Family<Gauge>& gauge(const std::string& name, const std::string& help, std::vector<std::string> labels = {});
  Family<Histogram>& histogram(const std::string& name, const std::string& help, std::vector<std::string> labels,
                               std::vector<double> bounds);

  // Returns an id for remove_collector (collectors of a stopped component
  // must go before it does).
  std::size_t add_collector(Collector collector);
  void remove_collector(std::size_t id);

  // The text exposition of every family and collector, sorted by name.
  std::string render() const;

 private:
  struct Entry;
  Entry& entry(const std::string& name, const std::string& help, const std::string& type,
               const std::vector<std::string>& labels);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
  std::map<std::size_t, Collector> collectors_;
  std::size_t next_collector_ = 1;
};

// The process's registry: what /metrics shows.
Registry& default_registry();

// A metric or label name as Prometheus accepts it ([a-zA-Z_:][a-zA-Z0-9_:]*;
// labels without ':').
bool valid_metric_name(const std::string& name);
bool valid_label_name(const std::string& name);

// Escapes a label value for the exposition (\\, \", \n).
std::string escape_label_value(const std::string& value);

}  // namespace credsvc::metrics
