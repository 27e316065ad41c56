// The lines of a cue's text (see cue_lines.hpp).
#include "write/cue_lines.hpp"

#include <string_view>

#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

bool droppable(std::string_view line, lines_to_drop which) noexcept {
  if (which == lines_to_drop::empty) return line.empty();
  for (char c : line)
    if (!is_blank(c)) return false;
  return true;
}

/// Whether `text` may hold such a line: for blanks, a line that is empty or starts with a blank.
bool may_hold(std::string_view text, lines_to_drop which) noexcept {
  if (which == lines_to_drop::empty)
    return text.front() == '\n' || text.back() == '\n' || text.find("\n\n") != std::string_view::npos;
  for (std::size_t at = 0;;) {
    if (at == text.size() || text[at] == '\n' || is_blank(text[at])) return true;
    at = text.find('\n', at);
    if (at == std::string_view::npos) return false;
    ++at;
  }
}

}  // namespace

void remove_lines(std::string& out, std::size_t from, lines_to_drop which) {
  if (from >= out.size() || !may_hold(std::string_view(out).substr(from), which)) return;
  std::size_t write = from;
  for (std::size_t start = from; start <= out.size();) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (!droppable(std::string_view(out).substr(start, end - start), which)) {
      if (write > from) out[write++] = '\n';
      for (std::size_t i = start; i < end; ++i) out[write++] = out[i];
    }
    start = end + 1;
  }
  out.resize(write);
}

}  // namespace vttkit::detail
