// The data model's helpers.
#include <vttkit/document.hpp>

namespace vttkit {
namespace {
std::string_view trim_ascii(std::string_view s) noexcept {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::string> title_from_signature(std::string_view signature_text) {
  auto t = trim_ascii(signature_text);
  if (!t.empty() && t.front() == '-') t = trim_ascii(t.substr(1));
  if (t.empty()) return std::nullopt;
  return std::string(t);
}

}  // namespace vttkit
