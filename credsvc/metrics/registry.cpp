#include "metrics/registry.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <variant>

namespace credsvc::metrics {

template <class Metric>
Metric& Family<Metric>::with(const Labels& values) {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument("metric family takes " + std::to_string(label_names_.size()) + " label values, not " +
                                std::to_string(values.size()));
  }
  std::lock_guard lock(mutex_);
  auto& slot = metrics_[values];
  if (!slot) slot = make_();
  return *slot;
}

template <class Metric>
void Family<Metric>::for_each(const std::function<void(const Labels&, const Metric&)>& visit) const {
  std::lock_guard lock(mutex_);
  for (const auto& [labels, metric] : metrics_) visit(labels, *metric);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

struct Registry::Entry {
  std::string help;
  std::string type;
  std::vector<std::string> labels;
  std::variant<std::unique_ptr<Family<Counter>>, std::unique_ptr<Family<Gauge>>, std::unique_ptr<Family<Histogram>>>
      family;
};

namespace {

bool name_chars(const std::string& name, bool colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

std::string escape_help(const std::string& help) {
  std::string out;
  for (const char c : help) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string label_text(const std::vector<std::pair<std::string, std::string>>& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first + "=\"" + escape_label_value(labels[i].second) + '"';
  }
  return out + '}';
}

std::vector<std::pair<std::string, std::string>> zip(const std::vector<std::string>& names, const Labels& values) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) out.emplace_back(names[i], values[i]);
  return out;
}

void header(std::string& out, const std::string& name, const std::string& help, const std::string& type) {
  out += "# HELP " + name + ' ' + escape_help(help) + '\n';
  out += "# TYPE " + name + ' ' + type + '\n';
}

}  // namespace

bool valid_metric_name(const std::string& name) { return name_chars(name, true); }
bool valid_label_name(const std::string& name) { return name_chars(name, false) && name.rfind("__", 0) != 0; }

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry& Registry::entry(const std::string& name, const std::string& help, const std::string& type,
                                 const std::vector<std::string>& labels) {
  if (!valid_metric_name(name)) throw std::invalid_argument("invalid metric name '" + name + "'");
  for (const auto& l : labels) {
    if (!valid_label_name(l) || (type == "histogram" && l == "le")) {
      throw std::invalid_argument("invalid label name '" + l + "' of metric " + name);
    }
  }
  auto& slot = entries_[name];
  if (!slot) {
    slot = std::make_unique<Entry>();
    slot->help = help;
    slot->type = type;
    slot->labels = labels;
  } else if (slot->type != type || slot->labels != labels) {
    throw std::invalid_argument("metric " + name + " registered twice with different kind or labels");
  }
  return *slot;
}

Family<Counter>& Registry::counter(const std::string& name, const std::string& help, std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "counter", labels);
  auto* p = std::get_if<std::unique_ptr<Family<Counter>>>(&e.family);
  if (!*p) *p = std::make_unique<Family<Counter>>(std::move(labels), [] { return std::make_unique<Counter>(); });
  return **p;
}

Family<Gauge>& Registry::gauge(const std::string& name, const std::string& help, std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "gauge", labels);
  if (!std::holds_alternative<std::unique_ptr<Family<Gauge>>>(e.family)) e.family = std::unique_ptr<Family<Gauge>>();
  auto& p = std::get<std::unique_ptr<Family<Gauge>>>(e.family);
  if (!p) p = std::make_unique<Family<Gauge>>(std::move(labels), [] { return std::make_unique<Gauge>(); });
  return *p;
}

Family<Histogram>& Registry::histogram(const std::string& name, const std::string& help,
                                       std::vector<std::string> labels, std::vector<double> bounds) {
  Histogram check(bounds);  // throws on bad bounds before anything is registered
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "histogram", labels);
  if (!std::holds_alternative<std::unique_ptr<Family<Histogram>>>(e.family)) {
    e.family = std::unique_ptr<Family<Histogram>>();
  }
  auto& p = std::get<std::unique_ptr<Family<Histogram>>>(e.family);
  if (!p) {
    p = std::make_unique<Family<Histogram>>(std::move(labels),
                                            [bounds] { return std::make_unique<Histogram>(bounds); });
  }
  return *p;
}

std::size_t Registry::add_collector(Collector collector) {
  std::lock_guard lock(mutex_);
  const auto id = next_collector_++;
  collectors_.emplace(id, std::move(collector));
  return id;
}

void Registry::remove_collector(std::size_t id) {
  std::lock_guard lock(mutex_);
  collectors_.erase(id);
}

std::string Registry::render() const {
  std::map<std::string, std::string> blocks;  // by family name, so the output is sorted
  std::lock_guard lock(mutex_);
  for (const auto& [name, e] : entries_) {
    std::string out;
    header(out, name, e->help, e->type);
    std::visit(
        [&](const auto& family) {
          using F = std::decay_t<decltype(*family)>;
          if (!family) return;
          family->for_each([&](const Labels& values, const auto& metric) {
            auto labels = zip(family->label_names(), values);
            if constexpr (std::is_same_v<F, Family<Histogram>>) {
              const auto s = metric.snapshot();
              for (std::size_t i = 0; i <= s.bounds.size(); ++i) {
                auto with_le = labels;
                with_le.emplace_back("le", i < s.bounds.size() ? format_value(s.bounds[i]) : "+Inf");
                out += name + "_bucket" + label_text(with_le) + ' ' + format_value(static_cast<double>(s.cumulative[i])) + '\n';
              }
              out += name + "_sum" + label_text(labels) + ' ' + format_value(s.sum) + '\n';
              out += name + "_count" + label_text(labels) + ' ' + format_value(static_cast<double>(s.count)) + '\n';
            } else {
              out += name + label_text(labels) + ' ' + format_value(static_cast<double>(metric.value())) + '\n';
            }
          });
        },
        e->family);
    blocks[name] = std::move(out);
  }
  for (const auto& [id, collect] : collectors_) {
    for (const auto& family : collect()) {
      std::string& out = blocks[family.name];
      if (out.empty()) header(out, family.name, family.help, family.type);
      for (const auto& s : family.samples) out += s.name + label_text(s.labels) + ' ' + format_value(s.value) + '\n';
    }
  }
  std::string text;
  for (const auto& [name, block] : blocks) text += block;
  return text;
}

Registry& default_registry() {
  static Registry registry;
  return registry;
}

}  // namespace credsvc::metrics
