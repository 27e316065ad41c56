// Speaker turns and speaker labels, shared by the srt, md and txt writers (docs/formats.md):
// a turn is a maximal run of consecutive cues with the same speaker (cues without a speaker
// count as one speaker); `--speaker-labels` puts `Name: ` on none, the first or every cue.
#pragma once

#include <string>

#include <vttkit/document.hpp>
#include <vttkit/write.hpp>

#include "text/short_compare.hpp"

namespace vttkit::detail {

/// Follows the turns of a stream of cues.
class turn_tracker {
 public:
  /// Takes the next cue; true when it starts a new turn.
  bool next(const cue& c) {
    const bool starts = !open_ || !same_bytes(c.speaker, speaker_);
    if (starts) speaker_ = c.speaker;
    open_ = true;
    return starts;
  }

 private:
  bool open_ = false;
  std::string speaker_;
};

/// True when `c` is shown with its speaker's label (`starts_turn`: it starts a turn).
inline bool shows_label(speaker_labels labels, const cue& c, bool starts_turn) noexcept {
  if (c.speaker.empty()) return false;
  switch (labels) {
    case speaker_labels::none: return false;
    case speaker_labels::change: return starts_turn;
    case speaker_labels::every: return true;
  }
  return false;
}

/// Appends "Name: " when `c` is shown with its label.
inline void append_label(std::string& out, speaker_labels labels, const cue& c, bool starts_turn) {
  if (!shows_label(labels, c, starts_turn)) return;
  out += c.speaker;
  out += ": ";
}

}  // namespace vttkit::detail
