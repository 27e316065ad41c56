// The data model's helpers.
#include <vttkit/document.hpp>

#include "text/ascii.hpp"

namespace vttkit {

std::optional<std::string> title_from_signature(std::string_view signature_text) {
  auto t = detail::trim(signature_text);
  if (!t.empty() && t.front() == '-') t = detail::trim(t.substr(1));
  if (t.empty()) return std::nullopt;
  return std::string(t);
}

}  // namespace vttkit
