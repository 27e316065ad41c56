// The speaker timeline: who talks when, as a self-contained SVG 1.1 picture (`vtt speakers
// --timeline`, the top of `--to html`).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/document.hpp>
#include <vttkit/timestamp.hpp>

namespace vttkit {

/// How the timeline is drawn.
struct timeline_options {
  unsigned width = 1600;  ///< pixels; lanes, bars and ticks are laid out for it
  std::string title;      ///< drawn above the lanes ("" : none)
};

/// One speaker's lane: its turns as time spans, in order.
struct timeline_lane {
  std::string speaker;   ///< "" for cues without a speaker
  millis talk_time = 0;  ///< the sum of its cues' durations
  struct span {
    millis start = 0;
    millis end = 0;
  };
  std::vector<span> turns;
};

/// Collects the turns of a stream of cues: memory grows with the number of turns, not cues.
class timeline {
 public:
  void push(const cue& c);
  /// The lanes, in the order the speakers first speak.
  [[nodiscard]] const std::vector<timeline_lane>& lanes() const noexcept { return lanes_; }
  /// The picture. Bars closer than a pixel are drawn as one, so the file stays small
  /// whatever the length; overlaps of two speakers are marked on a lane of their own.
  [[nodiscard]] std::string svg(const timeline_options& options) const;

 private:
  std::vector<timeline_lane> lanes_;
  std::size_t current_ = 0;  ///< the lane of the last cue
  bool any_ = false;
};

/// The colour of lane `index` (`#rrggbb`), the same in the timeline and the HTML page: a
/// palette told apart with colour-blindness, repeating after eight speakers.
[[nodiscard]] std::string_view timeline_color(std::size_t index) noexcept;

}  // namespace vttkit
