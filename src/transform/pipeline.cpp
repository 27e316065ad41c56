// The transform pipeline: prefix -> map -> merge -> stitch -> the caller's handler.
#include <vttkit/pipeline.hpp>

#include <utility>

namespace vttkit {

pipeline::pipeline(const pipeline_options& options, cue_handler out) : map_(options.speakers) {
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
  if (options.speakers_from_prefix) {
    prefix_.emplace([this](cue& c) { after_prefix(c); }, options.prefixes);
  } else if (options.census) {
    census_.emplace();
  }
}

void pipeline::after_prefix(cue& c) {
  if (!map_.empty()) map_.apply(c);
  head_(c);
}

void pipeline::push(cue& c) {
  if (census_) census_->push(c);
  if (prefix_) {
    prefix_->push(c);  // hands the cue to after_prefix, at once or after a few more cues
  } else {
    after_prefix(c);
  }
}

void pipeline::push(const cue& c) {
  if (!prefix_ && map_.empty()) {
    if (census_) census_->push(c);
    head_(c);
    return;
  }
  scratch_ = c;  // reuses the scratch cue's strings: no allocation once they are large enough
  push(scratch_);
}

void pipeline::finish() {
  if (prefix_) prefix_->finish();
  if (merger_) merger_->finish();
  if (stitcher_) stitcher_->finish();
}

std::vector<std::string> pipeline::unused_labels() const { return map_.unused_labels(); }

}  // namespace vttkit
