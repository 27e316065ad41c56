// Timing lines that the W3C algorithm rejects but whose meaning is clear, read for
// `parse_options::recover` (`vtt fix`). Never used by the normal parse.
#pragma once

#include <cstddef>
#include <string_view>

#include <vttkit/timestamp.hpp>

namespace vttkit::detail {

/// A timing line read leniently.
struct recovered_timing {
  bool ok = false;
  millis start = 0;
  millis end = 0;
  std::size_t settings_at = 0;  ///< byte offset of what follows the end time (the settings)
};

/// Reads `START ARROW END [settings]` where a time is `[H:]M:S[.F]` with one- or two-digit
/// minutes and seconds (at most 59), any number of hour digits (at most 9), `.` or `,` before
/// one to three digits of fraction (`2.5` is 2.500 s), and the arrow is `-->` or `->` with or
/// without white space around it. Anything else is not recovered.
[[nodiscard]] recovered_timing recover_timing_line(std::string_view line) noexcept;

/// Whether `line` could be a timing line written with `->`: worth a try of recover_timing_line.
[[nodiscard]] bool may_be_short_arrow_timing(std::string_view line) noexcept;

}  // namespace vttkit::detail
