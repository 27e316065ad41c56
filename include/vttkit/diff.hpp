// A unified diff of two texts (`vtt fix --diff`).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vttkit {

/// The unified diff (`diff -u` format, 3 lines of context) that turns `before` into `after`,
/// with the headers `--- from_name` and `+++ to_name`; empty when the texts are equal. Lines
/// are split at LF; a last line without LF is marked `\ No newline at end of file`. Minimal
/// (Myers' algorithm) when the texts differ in at most `max_edits` lines; beyond that, the
/// part between the common first and last lines is shown replaced as a whole.
[[nodiscard]] std::string unified_diff(std::string_view before, std::string_view after, std::string_view from_name,
                                       std::string_view to_name, std::size_t max_edits = 1000);

}  // namespace vttkit
