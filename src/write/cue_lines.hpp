// The lines of a cue's text in the formats that end a cue at an empty line (WebVTT, SubRip).
#pragma once

#include <cstddef>
#include <string>

namespace vttkit::detail {

/// Removes the empty lines of the text that `out` holds from `from` on: in WebVTT and SubRip an
/// empty line ends the cue, so text after it would be read back as a broken block (WebVTT's
/// parser cannot make such a payload, but SubRip input and library callers can). The lines with
/// text are kept, in order. Text without an empty line (the common case) is left as it is
/// after one search.
void remove_empty_lines(std::string& out, std::size_t from);

}  // namespace vttkit::detail
