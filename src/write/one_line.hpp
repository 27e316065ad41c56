// Cue text on one line, for the transcript formats (txt, md, podcast-json).
#pragma once

#include <string>
#include <string_view>

#include "text/ascii.hpp"

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
/// ends trimmed. Text that is already so (the common case) is appended in one piece.
void append_one_line(std::string& out, std::string_view s);

}  // namespace vttkit::detail
