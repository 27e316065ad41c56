// Cue text on one line, for the transcript formats (txt, md, podcast-json).
#pragma once

#include <string>
#include <string_view>

#include "text/ascii.hpp"
#include "text/unicode.hpp"

namespace vttkit::detail {

/// True for the white space that one-line text collapses: ASCII whitespace (space, LF, tab,
/// CR, form feed).
constexpr bool is_line_space(char c) noexcept { return is_ascii_whitespace(c); }

/// True when `s` has a character other than that white space: text a transcript shows.
inline bool has_line_text(std::string_view s) noexcept {
  for (char c : s)
    if (!is_line_space(c)) return true;
  return false;
}

/// Appends `s` with its lines joined by single spaces, runs of white space collapsed and the
/// ends trimmed. Text that is already so (the common case) is appended in one piece. Between
/// two characters of a script written without spaces the joint is `fragment_separator`'s:
/// nothing at a line break, the pause U+3000 for spaces (nothing next to a mark), as merge
/// and stitch join them.
void append_one_line(std::string& out, std::string_view s);

/// Appends what separates the text of a cue, `next`, from that of the cue before it in a
/// paragraph, `previous`: `fragment_separator` of their ends, white space at them ignored.
inline void append_cue_separator(std::string& out, std::string_view previous, std::string_view next) {
  while (!previous.empty() && is_line_space(previous.back())) previous.remove_suffix(1);
  while (!next.empty() && is_line_space(next.front())) next.remove_prefix(1);
  out += previous.empty() || next.empty() ? std::string_view{" "} : fragment_separator(previous, next);
}

}  // namespace vttkit::detail
