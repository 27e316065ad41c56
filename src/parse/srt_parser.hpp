// Stage 2 for SubRip: lines to cues.
#pragma once

#include <string>
#include <string_view>

#include <vttkit/cue_text.hpp>
#include <vttkit/document.hpp>

#include "parse/parse_context.hpp"

namespace vttkit::detail {

/// Reads SubRip entries: an optional index line, a timing line (`,` or `.` before the
/// milliseconds), text lines up to a blank line. Text becomes escaped cue text with
/// `<i>` `<b>` `<u>` kept as WebVTT tags and `<font>` dropped.
class srt_parser {
 public:
  explicit srt_parser(parse_context& ctx) : ctx_(ctx) {}
  bool next(cue& c);

 private:
  parse_context& ctx_;
};

/// Parses a SubRip timing line; false when it is not one.
bool parse_srt_timing(std::string_view line, millis& start, millis& end) noexcept;

/// True when `line` is a SubRip index (digits, optionally surrounded by spaces).
bool is_srt_index(std::string_view line) noexcept;

/// Appends SubRip text to a cue payload and its plain text.
void append_srt_text(std::string_view text, std::string& payload, std::string& plain);

}  // namespace vttkit::detail
