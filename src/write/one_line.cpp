// Cue text on one line (write/one_line.hpp).
#include "write/one_line.hpp"

namespace vttkit::detail {

void append_one_line(std::string& out, std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_line_space(s[b])) ++b;
  while (e > b && is_line_space(s[e - 1])) --e;
  std::size_t run = b;  // start of the text not yet appended
  const auto wide = [&](std::size_t i) { return static_cast<unsigned char>(s[i]) >= 0x80; };
  for (std::size_t i = b; i < e; ++i) {
    if (!is_line_space(s[i])) continue;
    // A single space stays (i + 1 < e: e is not a space), unless it may lie between two
    // characters of a script written without spaces (i > b: b is not a space).
    if (s[i] == ' ' && !is_line_space(s[i + 1]) && !(wide(i - 1) && wide(i + 1))) continue;
    out.append(s.substr(run, i - run));
    const std::size_t word_end = i;
    while (is_line_space(s[i + 1])) ++i;
    const bool spaced = s.substr(word_end, i + 1 - word_end).find('\n') == std::string_view::npos;
    out += fragment_separator(s.substr(b, word_end - b), s.substr(i + 1, e - i - 1), spaced);
    run = i + 1;
  }
  out.append(s.substr(run, e - run));
}

}  // namespace vttkit::detail
