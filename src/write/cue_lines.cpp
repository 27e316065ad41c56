// The lines of a cue's text (see cue_lines.hpp).
#include "write/cue_lines.hpp"

#include <string_view>

namespace vttkit::detail {

void remove_empty_lines(std::string& out, std::size_t from) {
  if (from >= out.size()) return;
  const std::string_view text = std::string_view(out).substr(from);
  if (text.find("\n\n") == std::string_view::npos && text.front() != '\n' && text.back() != '\n') return;
  std::size_t write = from;
  bool first = true;
  for (std::size_t start = from; start <= out.size();) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) {
      if (!first) out[write++] = '\n';
      for (std::size_t i = start; i < end; ++i) out[write++] = out[i];
      first = false;
    }
    start = end + 1;
  }
  out.resize(write);
}

}  // namespace vttkit::detail
