// The short interjection of T304 (docs/lint-rules.md), by size and timing: one home for the
// lint rule, `--repair-speakers`, and stitch, which keeps a sentence whole around one.
#pragma once

#include <string_view>

#include <vttkit/transform.hpp>

namespace vttkit::detail {

/// Whether a turn's text is short enough for an interjection: fewer words than
/// `o.interjection_words` ("Yeah.", "Mm-hmm, right.").
[[nodiscard]] bool is_short_turn(std::string_view text, const joint_options& o) noexcept;

/// Whether `turn`, the only cue of a turn between two cues of another speaker (the one before
/// it ending at `before_end`, the one after starting at `after_start`), is a short
/// interjection by size and timing: a short turn, and both gaps around it shorter than
/// `o.interjection_pause` (overlaps count as no gap): the other speaker went on.
[[nodiscard]] bool is_short_interjection(const cue& turn, millis before_end, millis after_start,
                                         const joint_options& o) noexcept;

}  // namespace vttkit::detail
