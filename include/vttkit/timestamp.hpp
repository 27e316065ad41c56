// Timestamps: integer milliseconds, and their WebVTT / SubRip spellings.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace vttkit {

/// A point in time or a duration in milliseconds. Integer, so arithmetic is exact.
using millis = std::int64_t;

/// The latest time a WebVTT timestamp can spell in 64-bit milliseconds, 2562047788014:59:59.999:
/// `collect_timestamp` reads none later, so a cue must end no later to survive being written.
inline constexpr millis max_timestamp = (std::numeric_limits<millis>::max() / 3'600'000) * 3'600'000 - 1;

/// How a timestamp is written.
enum class timestamp_style {
  vtt,  ///< `HH:MM:SS.mmm` (hours grow past two digits when needed)
  srt,  ///< `HH:MM:SS,mmm`
};

/// Appends `ms` (negative values are written as 0) in the given style.
void append_timestamp(std::string& out, millis ms, timestamp_style style = timestamp_style::vtt);

/// Returns `ms` in the given style.
[[nodiscard]] std::string format_timestamp(millis ms, timestamp_style style = timestamp_style::vtt);

/// The result of collecting a WebVTT timestamp from the front of a string.
struct timestamp_parse {
  bool ok = false;              ///< false when the text is not a timestamp
  millis value = 0;             ///< the time, when ok
  std::size_t length = 0;       ///< bytes consumed, when ok
  std::size_t hour_digits = 0;  ///< digits in the hours field (0 when there is none)
};

/// Collects a WebVTT timestamp at the start of `text` exactly as the W3C algorithm does
/// ("collect a WebVTT timestamp"): `[h*:]mm:ss.ttt`. Values too large for 64-bit milliseconds fail.
[[nodiscard]] timestamp_parse collect_timestamp(std::string_view text) noexcept;

/// A time value as written on a command line (docs/commands.md): seconds (`1.5`), seconds
/// with a unit (`1.5s`, `1500ms`), or a timestamp (`00:01.500`, `1:02:03.250`), optionally
/// signed (`-0.5`). Rounded to the millisecond; nothing when the text is none of these.
[[nodiscard]] std::optional<millis> parse_duration(std::string_view text) noexcept;

}  // namespace vttkit
