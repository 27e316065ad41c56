// The transform pipeline: retime -> words -> roll-up -> prefix (or the census) -> map -> repair -> merge -> stitch
// -> the caller's handler.
#include <vttkit/pipeline.hpp>

#include <utility>

#include "transform/words.hpp"

namespace vttkit {

pipeline::pipeline(const pipeline_options& options, cue_handler out) : map_(options.speakers) {
  if (options.retime) retimer_.emplace(*options.retime);
  // Built from the end: each step's handler is the step after it.
  cue_handler next = std::move(out);
  if (options.stitch) {
    stitcher_.emplace(options.stitching, std::move(next));
    next = [this](const cue& c) { stitcher_->push(c); };
  }
  if (options.merge) {
    merger_.emplace(options.merging, std::move(next));
    next = [this](const cue& c) { merger_->push(c); };
  }
  if (options.repair_speakers) {  // before merge and stitch: they join and cut by speaker
    repair_.emplace(options.joints, std::move(next), [this](const diagnostic& d) {
      if (repair_notes_) repair_notes_(d);
    });
    next = [this](const cue& c) { repair_->push(c); };
  }
  head_ = std::move(next);
  if (options.speakers_from_prefix) {
    prefix_.emplace([this](cue& c) { after_prefix(c); }, options.prefixes);
  } else if (options.census) {
    census_.emplace();
  }
  if (options.rollup != rollup_mode::off) {
    rollup_.emplace(options.rollup, [this](const cue& c) {
      if (!prefix_ && !census_ && map_.empty()) {
        head_(c);
        return;
      }
      rolled_ = c;
      after_rollup(rolled_);
    });
  }
}

void pipeline::after_rollup(cue& c) {
  if (census_) census_->push(c);
  if (prefix_) {
    prefix_->push(c);  // hands the cue to after_prefix, at once or after a few more cues
  } else {
    after_prefix(c);
  }
}

void pipeline::after_prefix(cue& c) {
  if (prefix_) detail::keep_words_of_text(c);  // a prefix taken off takes its words along
  if (!map_.empty()) map_.apply(c);
  head_(c);
}

void pipeline::push(cue& c) {
  if (retimer_ && !retimer_->apply(c)) return;
  if (has_inline_timestamps(c.payload)) fill_words(c);
  else c.words.clear();  // a reader reuses its cue: words of an earlier one must not stay
  if (rollup_ && !rollup_->passing()) {
    rollup_->push(c);
    return;
  }
  after_rollup(c);
}

void pipeline::push(const cue& c) {
  if (!retimer_ && !prefix_ && map_.empty() && c.words.empty() && !has_inline_timestamps(c.payload)) {
    if (rollup_ && !rollup_->passing()) {
      rollup_->push(c);
    } else {
      if (census_) census_->push(c);
      head_(c);
    }
    return;
  }
  scratch_ = c;  // reuses the scratch cue's strings: no allocation once they are large enough
  push(scratch_);
}

void pipeline::finish() {
  if (rollup_) rollup_->finish();  // what it holds goes through the prefix step
  if (prefix_) prefix_->finish();
  if (repair_) repair_->finish();
  if (merger_) merger_->finish();
  if (stitcher_) stitcher_->finish();
}

std::vector<std::string> pipeline::unused_labels() const { return map_.unused_labels(); }

}  // namespace vttkit
