// The rules' documentation: docs/lint-rules.md compiled into the library (see CMakeLists.txt),
// each rule's section found by its heading.
#include <vttkit/diagnostic.hpp>

#include "text/ascii.hpp"

namespace vttkit {
namespace {

constexpr unsigned char page_bytes[] = {
#include "model/lint_rules_md.inc"
};

std::string_view page() noexcept { return {reinterpret_cast<const char*>(page_bytes), sizeof page_bytes}; }

std::string_view trim_blank_lines(std::string_view s) noexcept {
  while (!s.empty() && s.front() == '\n') s.remove_prefix(1);
  while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view rule_documentation(rule r) noexcept {
  const auto doc = page();
  const auto part = doc.find("\n## The rules\n");
  if (part == std::string_view::npos) return {};
  const auto& entry = info(r);
  // "### ID name" on a line of its own.
  std::size_t at = part;
  for (;;) {
    at = doc.find("\n### ", at + 1);
    if (at == std::string_view::npos) return {};
    const auto line_end = doc.find('\n', at + 1);
    const auto heading = doc.substr(at + 5, line_end - (at + 5));
    if (heading.size() == entry.id.size() + 1 + entry.name.size() && heading.starts_with(entry.id) &&
        heading[entry.id.size()] == ' ' && heading.ends_with(entry.name)) {
      at = line_end;
      break;
    }
  }
  auto end = doc.find("\n#", at);
  while (end != std::string_view::npos && !doc.substr(end + 1).starts_with("## ") &&
         !doc.substr(end + 1).starts_with("### "))
    end = doc.find("\n#", end + 1);
  return trim_blank_lines(doc.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
}

std::string rule_description(rule r) {
  auto text = rule_documentation(r);
  text = text.substr(0, text.find("\n\n"));
  constexpr std::string_view label = "**Catches** ";
  if (text.starts_with(label)) text.remove_prefix(label.size());
  std::string out{text};
  for (auto& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string rule_help_uri(rule r) {
  const auto& entry = info(r);
  std::string uri{lint_rules_url};
  uri += '#';
  for (const char c : entry.id) uri += detail::to_lower(c);
  uri += '-';
  uri += entry.name;
  return uri;
}

}  // namespace vttkit
