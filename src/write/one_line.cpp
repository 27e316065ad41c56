// Cue text on one line (write/one_line.hpp).
#include "write/one_line.hpp"

namespace vttkit::detail {

void append_one_line(std::string& out, std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_line_space(s[b])) ++b;
  while (e > b && is_line_space(s[e - 1])) --e;
  std::size_t run = b;  // start of the text not yet appended
  for (std::size_t i = b; i < e; ++i) {
    if (!is_line_space(s[i])) continue;
    if (s[i] == ' ' && !is_line_space(s[i + 1])) continue;  // a single space stays (i + 1 < e: e is not a space)
    out.append(s.substr(run, i - run));
    out += ' ';
    while (is_line_space(s[i + 1])) ++i;
    run = i + 1;
  }
  out.append(s.substr(run, e - run));
}

}  // namespace vttkit::detail
