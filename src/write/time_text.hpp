// Times as the output formats spell them: seconds for JSON, timing lines for WebVTT and
// SubRip, the clock of a Markdown turn.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vttkit/timestamp.hpp>

#include "model/timestamp_format.hpp"

namespace vttkit::detail {

/// Room `write_timing` may need.
inline constexpr std::size_t max_timing_length = 2 * max_timestamp_length + 5;

/// Writes "START --> END" in the given style at `out`; returns the length.
std::size_t write_timing(char* out, millis start, millis end, timestamp_style style) noexcept;

/// Appends `ms` as JSON seconds: "2.72", "3", "0.005" (negative as 0).
void append_seconds(std::string& out, millis ms);

/// Appends `before`, the seconds of `ms`, then `after`, in one append (`after` at most 40 bytes).
void append_seconds_between(std::string& out, std::string_view before, millis ms, std::string_view after);

/// Appends `ms` as "HH:MM:SS" (the start of a Markdown turn).
void append_clock(std::string& out, millis ms);

}  // namespace vttkit::detail
