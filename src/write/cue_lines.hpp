// The lines of a cue's text in the formats that end a cue at an empty line (WebVTT, SubRip).
#pragma once

#include <cstddef>
#include <string>

namespace vttkit::detail {

/// Which lines a format cannot hold inside a cue's text.
enum class lines_to_drop {
  empty,   ///< WebVTT: an empty line ends the cue (a line of spaces is text)
  blanks,  ///< SubRip: empty lines and lines of blanks, which many readers take for the end
};

/// Removes those lines from the text that `out` holds from `from` on, so that the text is read
/// back as one cue (WebVTT's parser cannot make such a payload, but SubRip input and library
/// callers can). The other lines are kept, in order. Text without such a line (the common
/// case) is left as it is after one search.
void remove_lines(std::string& out, std::size_t from, lines_to_drop which);

}  // namespace vttkit::detail
