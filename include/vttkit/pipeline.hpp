// The transform pipeline of `vtt convert`, `merge`, `stitch`, `speakers`, `shift`, `scale` and
// `cut`: times changed, word timings read
// from inline timestamps, roll-up captions rebuilt with each line once, speakers taken from
// `NAME: ` prefixes, renamed by a speaker map, fragments merged into turns, turns re-cut into
// sentences. Each step is optional; they run in that order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <vttkit/transform.hpp>

namespace vttkit {

/// Which steps run and how. The defaults are the documented ones: word timings read, roll-up
/// captions rebuilt where recognised, no other step, and for merging a gap of at most 2 s with
/// no limit on length or duration.
struct pipeline_options {
  std::optional<retime_options> retime;         ///< `shift`, `scale`, `cut`: see `retimer` (runs first)
  rollup_mode rollup = rollup_mode::automatic;  ///< `--rollup`: see `rollup_filter`
  bool speakers_from_prefix = false;            ///< `--speakers-from-prefix`: see `prefix_speakers`
  prefix_rules prefixes;                        ///< `--speaker-names`, `--prefix-pattern` (with the step on)
  bool census = false;                          ///< with the prefix step off: see `prefix_census`
  speaker_map speakers;                         ///< `--map`, `--map-file`: renames when not empty
  bool repair_speakers = false;                 ///< `--repair-speakers`: see `speaker_repair`
  joint_options joints;
  bool merge = false;  ///< `--merge`: see `merger`
  merge_options merging;
  bool stitch = false;  ///< `--stitch`: see `stitcher`
  stitch_options stitching;
};

/// One input's pipeline, built from options that may serve any number of inputs: the speaker
/// map is parsed once, by whoever fills `pipeline_options::speakers`, and each pipeline keeps
/// its own record of the labels it used. Like every transform stage it takes cues by `push`,
/// in order, and `finish` ends the stream; results go to the handler given.
class pipeline {
 public:
  pipeline(const pipeline_options& options, cue_handler out);
  pipeline(const pipeline&) = delete;  // its stages call back into it
  pipeline& operator=(const pipeline&) = delete;

  /// Rewrites `c` in place (word timings, speaker prefixes, map) before passing it on, so that
  /// a reader's cue goes through without a copy; only the roll-up step copies, the first 16
  /// cues while it decides and every cue of roll-up input. Its text may have changed afterwards.
  void push(cue& c);
  /// The same for a cue that must stay as it is: copied when a rewriting step is on.
  void push(const cue& c);
  /// Hands on what the prefix, repair, merge and stitch steps still hold.
  void finish();
  /// Where the speaker repair reports each change it makes (a warning T303 or T304).
  void on_repair(diagnostic_sink notes) { repair_notes_ = std::move(notes); }
  /// The labels of the speaker map, as given, that no cue of this pipeline matched.
  [[nodiscard]] std::vector<std::string> unused_labels() const;
  /// With `census` on and the prefix step off: the cues that start with a speaker's name.
  [[nodiscard]] const prefix_census* census() const noexcept { return census_ ? &*census_ : nullptr; }
  /// The retiming step, when on: what it dropped and clipped.
  [[nodiscard]] const retimer* retimed() const noexcept { return retimer_ ? &*retimer_ : nullptr; }
  /// Lines removed as roll-up repeats (0 when the input was not taken as roll-up captions).
  [[nodiscard]] std::size_t rollup_removed() const noexcept { return rollup_ ? rollup_->removed() : 0; }

 private:
  void after_rollup(cue& c);
  void after_prefix(cue& c);

  speaker_map map_;
  std::optional<retimer> retimer_;
  std::optional<rollup_filter> rollup_;
  std::optional<prefix_speakers> prefix_;
  std::optional<prefix_census> census_;
  std::optional<speaker_repair> repair_;
  diagnostic_sink repair_notes_;
  std::optional<merger> merger_;
  std::optional<stitcher> stitcher_;
  cue_handler head_;  // the first of merge, stitch and `out` that is on
  cue scratch_;       // push(const cue&) with a rewriting step
  cue rolled_;        // a cue from the roll-up filter, rewritten
};

}  // namespace vttkit
