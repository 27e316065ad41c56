// Paragraphs of the transcript writers, and sound tags dropped from their text
// (docs/transcripts.md, "Paragraphs"): one rule, decided a cue at a time, for every writer.
#include <algorithm>
#include <string>
#include <utility>

#include <vttkit/transform.hpp>

#include "text/short_compare.hpp"
#include "transform/sentences.hpp"

namespace vttkit {

namespace {

/// When the speech of `c` ends: its end, or with word timings, at most a second after its last
/// word starts. Roll-up captions hold each line on screen until the next one starts, so their
/// cues leave no gap; the pause shows after the last word.
millis speech_end(const cue& c) noexcept {
  constexpr millis longest_word = 1000;
  if (c.words.empty() || c.words.back().start >= c.end) return c.end;
  return std::min(c.end, c.words.back().start + longest_word);
}

}  // namespace

paragraph_step paragraph_breaker::next(const cue& c, std::string_view text) {
  paragraph_step step;
  step.turn = !open_turn_ || !detail::same_bytes(c.speaker, speaker_);
  if (step.turn) {
    speaker_ = c.speaker;
    open_ = false;
  }
  open_turn_ = true;
  const std::size_t chars = detail::words_length(text);
  if (chars == 0) return step;  // no text: no paragraph, no pause measured from it
  const bool pause = c.start > end_ && c.start - end_ > options_.gap;
  const bool full = chars_ + 1 + chars > options_.max_chars;
  const bool long_enough = chars_ >= options_.sentence_chars && sentence_end_;
  const bool cut = c.speaker.empty() || options_.cut_voiced_turns;
  step.paragraph = !open_ || (cut && (pause || full || long_enough));
  chars_ = step.paragraph ? chars : chars_ + 1 + chars;
  end_ = speech_end(c);
  open_ = true;
  sentence_end_ = detail::ends_with_sentence_mark(text);
  return step;
}

namespace {

/// Whether the tag `words[begin, end)` (from `sound_tag_end`) is dropped: one in square
/// brackets always; one in parentheses, which is often ordinary text ("don't (fully) work"),
/// only when it stands apart, at the start or end of the text or after a sentence end, and
/// holds at most three words ("(laughs)", "(door slams)").
bool dropped_tag(std::string_view words, std::size_t begin, std::size_t end, std::string_view out) {
  constexpr std::size_t most_words = 3;
  if (words[begin] == '[') return true;
  const bool apart = out.empty() || end == words.size() || detail::ends_with_sentence_mark(out);
  return apart && detail::count_words(words.substr(begin + 1, end - begin - 2)) <= most_words;
}

}  // namespace

std::string drop_sound_tags(std::string_view text) {
  std::string words;
  detail::append_words(words, text, detail::word_joints::fragments);
  std::string out;
  for (std::size_t i = 0; i < words.size();) {
    const std::size_t tag = detail::sound_tag_end(words, i);
    std::size_t end = tag;
    if (tag == 0 || tag == detail::sound_tag_unfinished || !dropped_tag(words, i, tag, out)) {
      end = words.find(' ', i);
      if (end == std::string::npos) end = words.size();
      if (!out.empty()) out += ' ';
      out.append(words, i, end - i);
    }
    i = end < words.size() ? end + 1 : end;
  }
  return out;
}

}  // namespace vttkit
