// The transform pipeline: words -> roll-up -> prefix -> map -> merge -> stitch -> the caller's
// handler.
#include <vttkit/pipeline.hpp>

#include <utility>

#include "transform/words.hpp"

namespace vttkit {

pipeline::pipeline(const pipeline_options& options, cue_handler out)
    : map_(options.speakers), use_prefix_(options.speakers_from_prefix) {
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
  head_ = std::move(next);
  if (options.rollup != rollup_mode::off) {
    rollup_.emplace(options.rollup, [this](const cue& c) {
      if (!use_prefix_ && map_.empty()) {
        head_(c);
        return;
      }
      rolled_ = c;
      rewrite(rolled_);
    });
  }
}

void pipeline::rewrite(cue& c) {
  if (use_prefix_) {
    prefix_.apply(c);
    detail::keep_words_of_text(c);
  }
  if (!map_.empty()) map_.apply(c);
  head_(c);
}

void pipeline::push(cue& c) {
  if (has_inline_timestamps(c.payload)) fill_words(c);
  else c.words.clear();  // a reader reuses its cue: words of an earlier one must not stay
  if (rollup_ && !rollup_->passing()) {
    rollup_->push(c);
    return;
  }
  rewrite(c);
}

void pipeline::push(const cue& c) {
  if (!use_prefix_ && map_.empty() && c.words.empty() && !has_inline_timestamps(c.payload)) {
    if (rollup_ && !rollup_->passing()) rollup_->push(c);
    else head_(c);
    return;
  }
  scratch_ = c;  // reuses the scratch cue's strings: no allocation once they are large enough
  push(scratch_);
}

void pipeline::finish() {
  if (rollup_) rollup_->finish();
  if (merger_) merger_->finish();
  if (stitcher_) stitcher_->finish();
}

std::vector<std::string> pipeline::unused_labels() const { return map_.unused_labels(); }

}  // namespace vttkit
