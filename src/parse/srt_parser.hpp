// Stage 2 for SubRip: lines to cues.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vttkit/cue_text.hpp>
#include <vttkit/document.hpp>

#include "parse/parse_context.hpp"

namespace vttkit::detail {

/// Reads SubRip entries: an optional index line (kept as the cue id), a timing line (`,` or
/// `.` before the milliseconds, hours and milliseconds optional), text lines. An entry ends
/// where the next one starts (a timing line, with the index line before it) or at the end of
/// the input: a blank line ends it only when a new entry or the end follows, so blank lines
/// between text lines are dropped and a line of spaces before text is text (docs/formats.md).
/// Text becomes escaped cue text with `<i>` `<b>` `<u>` kept as WebVTT tags, `<font>` and `<s>`
/// dropped, `{\anN}` turned into cue settings and other `{\...}` override blocks removed.
class srt_parser {
 public:
  explicit srt_parser(parse_context& ctx) : ctx_(ctx) {}
  /// The first cue. False when there is none; a non-blank input without an entry is E001.
  bool first(cue& c);
  bool next(cue& c);
  /// Whether every line read so far was empty or blanks only.
  [[nodiscard]] bool blank() const noexcept { return !saw_text_; }

 private:
  /// The start of an entry: its index and timing line.
  struct entry_start {
    std::string id;
    std::size_t id_line = 0;
    std::size_t line = 0;
    millis start = 0, end = 0;
    bool ok = false;  // the timing line parses
  };
  void read_body(cue& c, bool keep, bool prelude);
  bool start_entry(std::string_view line, std::size_t line_no);
  void flush(cue& c, bool keep, std::size_t upto);
  void add_line(cue& c, std::string_view line);

  parse_context& ctx_;
  bool begun_ = false;      // the lines before the first entry were read
  bool have_next_ = false;  // next_ holds the start of the next entry
  bool saw_text_ = false;   // a line with something other than blanks was read
  bool warned_override_ = false;
  entry_start next_;
  // Lines that are text only if text follows them (blank-only lines and number lines), each
  // followed by LF; empty lines are not kept. Number lines: where the last starts and ends,
  // and where the one before it ends (0 when none).
  std::string pending_;
  std::size_t number_at_ = 0, number_end_ = 0, prev_number_end_ = 0, number_line_ = 0;
  bool has_number_ = false;
  int alignment_ = 0;  // the cue's first {\anN}
};

/// Parses a SubRip timing line; false when it is not one.
bool parse_srt_timing(std::string_view line, millis& start, millis& end) noexcept;

/// True when `line` is a SubRip index (digits, optionally surrounded by spaces).
bool is_srt_index(std::string_view line) noexcept;

/// What the override blocks (`{\...}`) of SubRip text held.
struct srt_overrides {
  int alignment = 0;                              ///< the first `\anN` (1 to 9), 0 when none
  std::size_t other_at = std::string_view::npos;  ///< offset of the first block with other tags
  std::string_view other;                         ///< that block
};

/// Appends SubRip text to a cue payload and its plain text.
void append_srt_text(std::string_view text, std::string& payload, std::string& plain, srt_overrides& overrides);

/// The WebVTT `line` and `align` values for a SubRip (ASS) alignment `\anN`, "" for the default.
struct srt_position {
  std::string_view line;
  std::string_view align;
};

/// The position of `\anN` (1 to 9: the numeric keypad, 1 bottom left, 5 middle, 9 top right).
const srt_position& srt_alignment_position(int an) noexcept;

/// The `\anN` whose position a cue's settings are exactly (2, bottom centre, when none is).
int srt_alignment_of(const cue& c) noexcept;

}  // namespace vttkit::detail
