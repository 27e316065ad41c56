// Timestamps written into a caller's buffer, for writers that assemble a line at once.
#pragma once

#include <cstddef>

#include <vttkit/timestamp.hpp>

namespace vttkit::detail {

/// Room `write_timestamp` may need: 20 hour digits, ":MM:SS.mmm".
inline constexpr std::size_t max_timestamp_length = 32;

/// Writes `ms` (negative as 0) in the given style at `out`; returns the length.
std::size_t write_timestamp(char* out, millis ms, timestamp_style style) noexcept;

}  // namespace vttkit::detail
