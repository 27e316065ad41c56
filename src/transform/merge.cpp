// Merging: joins consecutive fragments of one speaker into longer cues (`vtt merge`).
#include <algorithm>
#include <utility>

#include <vttkit/transform.hpp>

#include "transform/sentences.hpp"
#include "text/short_compare.hpp"
#include "text/utf8.hpp"

namespace vttkit {
namespace {

/// Whether `next` may join the cue being built, `held` (whose text is already collapsed).
bool joins(const cue& held, const cue& next, const merge_options& options) {
  if (!detail::same_bytes(next.speaker, held.speaker)) return false;
  if (held.text.size() + 1 + next.text.size() > merge_options::most_bytes) return false;
  // An overlap (a negative gap) always joins: the fragments are being spoken together.
  const millis gap = next.start - held.end;
  if (gap > 0 && gap > options.max_gap) return false;
  const bool unvoiced = held.speaker.empty();
  const millis max_duration = options.max_duration == 0 && unvoiced ? options.unvoiced_max_duration
                                                                    : options.max_duration;
  const std::size_t max_chars = options.max_chars == 0 && unvoiced ? options.unvoiced_max_chars : options.max_chars;
  if (max_duration > 0 && std::max(held.end, next.end) - held.start > max_duration) return false;
  if (max_chars > 0) {
    // Counting the held text again on every fragment is cheap: with a cap it is short.
    const std::size_t added = detail::words_length(next.text);
    const std::size_t held_chars = detail::count_code_points(held.text);
    const std::size_t separator = held_chars > 0 && added > 0 ? 1 : 0;
    if (held_chars + separator + added > max_chars) return false;
  }
  return true;
}

}  // namespace

merger::merger(merge_options options, cue_handler out) : options_(options), out_(std::move(out)) {}

void merger::push(const cue& c) {
  if (holding_ && joins(current_, c, options_)) {
    if (detail::append_words(current_.text, c.text, detail::word_joints::fragments) > 0) add_words(c);
    current_.end = std::max(current_.end, c.end);
    return;
  }
  finish();
  // Not `current_ = c`: the payload is rebuilt on output anyway, and assigning into the held
  // strings reuses their capacity.
  detail::copy_cue_frame(current_, c);
  current_.text.clear();
  detail::append_words(current_.text, c.text, detail::word_joints::fragments);
  current_.words = c.words;
  timed_ = !c.words.empty();
  holding_ = true;
}

void merger::add_words(const cue& c) {
  if (!timed_) return;
  if (c.words.empty() || current_.words.empty()) {  // a part without times: none for the whole
    timed_ = false;
    current_.words.clear();
    return;
  }
  current_.words.insert(current_.words.end(), c.words.begin(), c.words.end());
}

void merger::finish() {
  if (!holding_) return;
  holding_ = false;
  detail::assign_payload(current_.payload, current_.speaker, current_.text);
  out_(current_);
}

std::vector<cue> merge(std::span<const cue> cues, merge_options options) {
  std::vector<cue> merged;
  merger m(options, [&merged](const cue& c) { merged.push_back(c); });
  for (const cue& c : cues) m.push(c);
  m.finish();
  return merged;
}

}  // namespace vttkit
