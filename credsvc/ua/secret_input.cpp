#include "ua/secret_input.hpp"

#include <stdexcept>

namespace credsvc::ua {

std::vector<std::string> read_secret_lines(std::istream& in, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error("no " + name + " on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) throw std::runtime_error("empty " + name + " on standard input");
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace credsvc::ua
