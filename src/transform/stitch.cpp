// Stitching: re-cuts each speaker turn into one cue per sentence (`vtt stitch`, docs/transcripts.md).
//
// A turn's text is collected in `pending_`, each source cue's share recorded as a `piece`.
// Sentences are cut as soon as the text after their end is known (the next word decides), and
// the text before the cut is dropped, so memory holds one unfinished sentence, not the turn.
// Times are interpolated by code point within the source cue a position falls in; a source cue
// with word timings gives one piece per word, so that a cut between words falls on their times.
// Sentences of different speakers may overlap: each keeps its time, and those that a later cue
// could still start before wait in a bounded window (`held_`) that hands them out by start.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <tuple>
#include <utility>
#include <span>
#include <string_view>
#include <utility>

#include <vttkit/transform.hpp>

#include "transform/interjections.hpp"
#include "transform/sentences.hpp"
#include "text/short_compare.hpp"
#include "text/utf8.hpp"

namespace vttkit {
namespace {

constexpr std::size_t npos = std::string_view::npos;

/// The time `offset` code points into a source cue, rounded down (a span's start) or up (its
/// end), so that a cue always covers the time of its characters. Exact integer arithmetic:
/// (d / n) * k + (d % n) * k / n, where (d % n) * k < n * n cannot overflow for any cue that fits
/// in memory.
template <class Piece>
millis interpolate(const Piece& p, std::size_t offset, bool round_up) noexcept {
  if (p.chars == 0 || p.end <= p.start) return p.start;
  const std::uint64_t duration = static_cast<std::uint64_t>(p.end) - static_cast<std::uint64_t>(p.start);
  const std::uint64_t chars = p.chars;
  const std::uint64_t k = std::min<std::uint64_t>(offset, chars);
  const std::uint64_t rest = duration % chars * k;
  std::uint64_t elapsed = duration / chars * k + rest / chars;
  if (round_up && rest % chars != 0) ++elapsed;
  // Unsigned, because start + elapsed <= end always fits while the parts need not.
  return static_cast<millis>(static_cast<std::uint64_t>(p.start) + elapsed);
}

/// Moves a cue that would start before `floor` to start there, keeping its length; but it ends
/// no later than the latest time WebVTT can spell (or its own end, if that was later still).
void move_later(millis& start, millis& end, millis floor) noexcept {
  const millis length = end - start;
  const millis latest = std::max(end, max_timestamp);
  start = floor;
  end = floor > latest || length > latest - floor ? latest : floor + length;
}

/// How many chunks of at most `cap` an `amount` (characters or milliseconds) needs.
template <class Amount, class Cap>
std::size_t chunks_for(Amount amount, Cap cap) noexcept {
  return amount <= 0 ? std::size_t{0} : static_cast<std::size_t>((amount - 1) / cap) + 1;
}

/// Whether `bytes` of text over the time the pieces span may need `least_chunks` chunks under
/// the caps. Splitting runs for every sentence and, unfinished, on every push: this rules out
/// the usual short text from bounds (bytes >= code points; times lie within the pieces' span)
/// before anything is counted.
template <class Pieces>
bool may_need_chunks(const Pieces& pieces, std::size_t bytes, const stitch_options& o, std::size_t least_chunks) {
  if (o.max_chars != 0 && chunks_for(bytes, o.max_chars) >= least_chunks) return true;
  if (o.max_duration <= 0) return false;
  millis earliest = pieces.front().start;
  millis latest = pieces.front().end;
  for (const auto& p : pieces) {
    earliest = std::min(earliest, p.start);
    latest = std::max(latest, p.end);
  }
  return chunks_for(latest - earliest, o.max_duration) >= least_chunks;
}

/// Where the time cap starts to matter: the first byte of the first source cue that ends more
/// than `max_duration` after `start` (text before it cannot break the cap); npos when none
/// does or there is no time cap.
template <class Pieces>
std::size_t time_cap_reached_from(const Pieces& pieces, millis start, millis max_duration) noexcept {
  if (max_duration <= 0) return npos;
  for (const auto& p : pieces) {
    if (p.end - start > max_duration) return p.begin;
  }
  return npos;
}

/// Where a sentence is split: the chunk ends at `end`, the next starts at `next` (past the
/// space, or at `end` itself between two characters of a script written without spaces).
struct split {
  std::size_t end = npos;
  std::size_t next = npos;
};

/// The nearest split to a target among the boundaries of one kind.
struct nearest_split {
  split at;
  std::size_t chars = 0;  ///< code points before it

  template <class Distance>
  void offer(split here, std::size_t here_chars, Distance&& distance) {
    if (at.end == npos || distance(here_chars) <= distance(chars)) {
      at = here;
      chars = here_chars;
    }
  }
};

/// The split of text[begin, limit) for a chunk that `fits(chars, end)`: of the word boundaries
/// (a space, or a boundary between two characters of text written without spaces, see
/// `detail::unspaced_break_at`) where the chunk still fits, the one nearest `target` code
/// points; but the nearest clause boundary (after a clause mark, at the pause U+3000 between
/// two CJK words, or where one source cue's text ends and the next one's begins without a
/// space: `joint(i)`), else the nearest likely word boundary (a space; in text without spaces
/// a particle before Han or katakana, a mark), else the nearest change of script, when that is
/// near enough. `greedy` (an unfinished sentence) takes the longest chunk that fits as the
/// target. A first word that does not fit is split after anyway (a lone word longer than the
/// cap stays whole); none when the text is a single word.
template <class Fits, class Joint>
split choose_split(std::string_view text, std::size_t begin, std::size_t limit, std::size_t target, bool greedy,
                   Fits&& fits, Joint&& joint) {
  const auto distance = [&](std::size_t chars) { return chars > target ? chars - target : target - chars; };
  nearest_split best, clause, word, change;
  std::size_t chars = 0;  // code points in [begin, i)
  for (std::size_t i = begin;;) {
    std::size_t space = 0;  // bytes of the space at i: 1, 3 for U+3000, 0 between two characters
    auto quality = detail::break_quality::word;
    while (i < limit) {
      if (text[i] == ' ') space = 1;
      if (text[i] == '\xE3' && detail::space_length(text, i) == 3) space = 3;  // U+3000
      if (space != 0) {
        quality = detail::break_quality::word;
        break;
      }
      const bool wide = static_cast<unsigned char>(text[i]) >= 0x80;
      ++chars;
      ++i;
      while (i < limit && detail::is_continuation_byte(text[i])) ++i;
      if (wide && i < limit && (quality = detail::unspaced_break_at(text, i)) != detail::break_quality::none) break;
    }
    if (i == limit) break;
    const split here{i, i + space};
    if (!fits(chars, i)) {
      if (best.at.end == npos) return here;  // a lone word longer than the cap stays whole
      break;
    }
    best.offer(here, chars, distance);
    if (detail::is_clause_boundary(text, i) || (space == 0 && joint(i))) clause.offer(here, chars, distance);
    if (quality >= detail::break_quality::word) word.offer(here, chars, distance);
    if (quality >= detail::break_quality::script_change) change.offer(here, chars, distance);
    if (space != 0) {
      ++chars;  // the space
      i += space;
    }
  }
  if (best.at.end == npos) return best.at;  // a single word: it cannot be split
  if (greedy) target = best.chars;          // the longest chunk that fits
  for (const nearest_split* n : {&clause, &word, &change}) {
    if (n->at.end != npos && distance(n->chars) <= target / 3) return n->at;
  }
  return best.at;
}

/// Follows positions in the pending text forward and gives the time at each, interpolated in the
/// source cue the position falls in. Moving on costs time proportional to the distance, so one
/// scan over a sentence stays linear however many positions it asks about.
template <class Piece>
class text_clock {
 public:
  text_clock(std::string_view text, std::span<const Piece> pieces, std::size_t position)
      : text_(text), pieces_(pieces) {
    const auto after = std::upper_bound(pieces.begin(), pieces.end(), position,
                                        [](std::size_t p, const Piece& k) { return p < k.begin; });
    enter(after == pieces.begin() ? 0 : static_cast<std::size_t>(after - pieces.begin()) - 1);
    advance(position);
  }

  /// Resumes where a clock saved in `mark` stood.
  template <class Mark>
  text_clock(std::string_view text, std::span<const Piece> pieces, const Mark& mark)
      : text_(text), pieces_(pieces), index_(mark.index), at_(mark.at), offset_(mark.offset) {}

  /// Saves where the clock stands (at `position`) in `mark`.
  template <class Mark>
  void save(Mark& mark, std::size_t position) const noexcept {
    mark = {.position = position, .index = index_, .at = at_, .offset = offset_, .valid = true};
  }

  /// Moves forward to `position`. A position on the space between two cues stays in the first,
  /// at its end; the second is entered at its first character, but not by an `end`: a text
  /// that ends where the next cue's text begins, joined without a space ("危ない！" then, after
  /// a silence, "ケガは"), ends with the first cue.
  void advance(std::size_t position, bool end = false) {
    while (index_ + 1 < pieces_.size() &&
           (pieces_[index_ + 1].begin < position || (!end && pieces_[index_ + 1].begin == position)))
      enter(index_ + 1);
    const Piece& p = pieces_[index_];
    const std::size_t stop = std::min(position, p.begin + p.size);
    if (stop > at_) {
      offset_ += detail::count_code_points(text_.substr(at_, stop - at_));
      at_ = stop;
    }
  }

  [[nodiscard]] millis start_time() const noexcept { return interpolate(piece(), offset_, false); }
  [[nodiscard]] millis end_time() const noexcept { return interpolate(piece(), offset_, true); }
  [[nodiscard]] const Piece& piece() const noexcept { return pieces_[index_]; }

 private:
  void enter(std::size_t index) noexcept {
    index_ = index;
    at_ = pieces_[index].begin;
    offset_ = pieces_[index].skipped;
  }

  std::string_view text_;
  std::span<const Piece> pieces_;
  std::size_t index_ = 0;
  std::size_t at_ = 0;      ///< byte position reached in the current piece
  std::size_t offset_ = 0;  ///< code points of the current piece before `at_`
};

/// A clock at `position`, moved on from `mark` when that stands at or before it; `mark` is
/// left at `position`.
template <class Piece, class Mark>
text_clock<Piece> clock_at(std::string_view text, std::span<const Piece> pieces, std::size_t position, Mark& mark) {
  if (mark.valid && mark.position <= position) {
    text_clock<Piece> clock(text, pieces, mark);
    clock.advance(position);
    clock.save(mark, position);
    return clock;
  }
  text_clock<Piece> clock(text, pieces, position);
  clock.save(mark, position);
  return clock;
}

}  // namespace

stitcher::stitcher(stitch_options options, cue_handler out) : options_(options), out_(std::move(out)) {}

void stitcher::push(const cue& c) {
  input_start_ = c.start;
  if (interjection_held_) {
    end_interjection(&c);
  } else if (may_interject(c)) {
    interjection_ = c;  // assigning reuses the held cue's strings
    interjection_held_ = true;
    return;
  }
  const bool silence = in_turn_ && !pieces_.empty() && options_.sentence_gap > 0 && c.start > pieces_.back().end &&
                       c.start - pieces_.back().end > options_.sentence_gap;
  if (in_turn_ && (silence || !detail::same_bytes(c.speaker, sentence_.speaker))) flush_turn();
  if (!in_turn_) {
    in_turn_ = true;
    turn_emitted_ = false;
    sentence_.speaker = c.speaker;
    sentence_.settings = c.settings;
    caps_ = options_;
    if (c.speaker.empty() && options_.max_chars == 0 && options_.max_duration <= 0) {
      caps_.max_chars = options_.unvoiced_max_chars;
      caps_.max_duration = options_.unvoiced_max_duration;
    }
  }
  const std::size_t before = pending_.size();
  if (detail::append_words(pending_, c.text, detail::word_joints::fragments) > 0) {
    const std::size_t begin = before == 0 ? before : before + detail::space_length(pending_, before);
    if (!add_word_pieces(c, begin)) {
      piece p;
      p.start = c.start;
      p.end = std::max(c.start, c.end);
      p.begin = begin;
      p.size = pending_.size() - p.begin;
      p.chars = detail::count_code_points(std::string_view(pending_).substr(p.begin));
      p.line = c.line;
      pieces_.push_back(p);
    }
    cut(false);
  }
  // Later cues start no earlier than this one, the rest of the turn no earlier than its piece.
  if (held_begin_ != held_end_) release(pieces_.empty() ? c.start : std::min(c.start, pieces_.front().start));
}

bool stitcher::add_word_pieces(const cue& c, std::size_t begin) {
  // The words must spell the text just appended; a speaker prefix taken off the text leaves
  // its words at the front, so the last ones are matched.
  if (c.words.empty()) return false;  // the usual cue: no word timings, nothing to count
  const std::string_view added = std::string_view(pending_).substr(begin);
  const std::size_t count = detail::count_words(added);
  if (c.words.size() < count || count == 0) return false;
  const auto first = c.words.end() - static_cast<std::ptrdiff_t>(count);
  // Words are joined by a space, U+3000 or nothing (`detail::fragment_separator`).
  const auto past_separator = [&](std::size_t at) {
    return at < pending_.size() ? at + detail::space_length(pending_, at) : at;
  };
  std::size_t at = begin;
  for (auto w = first; w != c.words.end(); ++w) {
    if (at > pending_.size() || pending_.compare(at, w->text.size(), w->text) != 0) return false;
    at = past_separator(at + w->text.size());
  }
  at = begin;
  for (auto w = first; w != c.words.end(); ++w) {
    piece p;
    p.start = w->start;
    p.end = std::max(w->start, w->end);
    p.begin = at;
    p.size = w->text.size();
    p.chars = detail::count_code_points(w->text);
    p.line = c.line;
    p.word = true;
    pieces_.push_back(p);
    at = past_separator(at + p.size);
  }
  return true;
}

void stitcher::collect_words(std::size_t begin, std::size_t end) {
  sentence_.words.clear();
  auto p = std::upper_bound(pieces_.begin(), pieces_.end(), begin,
                            [](std::size_t at, const piece& k) { return at < k.begin + k.size; });
  for (; p != pieces_.end() && p->begin < end; ++p) {
    if (!p->word) {
      sentence_.words.clear();
      return;
    }
    sentence_.words.push_back({pending_.substr(p->begin, p->size), p->start, p->end});
  }
}

bool stitcher::may_interject(const cue& c) const {
  // The turn's sentence is unfinished (pending_ holds text, so pieces_ a piece), the cue is of
  // another speaker, short, and follows without a pause.
  if (!in_turn_ || pending_.empty() || detail::ends_with_sentence_mark(pending_)) return false;
  if (c.speaker.empty() || sentence_.speaker.empty() || detail::same_bytes(c.speaker, sentence_.speaker)) return false;
  const joint_options limits;
  return detail::is_short_turn(c.text, limits) && c.start - pieces_.back().end < limits.interjection_pause;
}

void stitcher::end_interjection(const cue* next) {
  interjection_held_ = false;
  const joint_options limits;
  if (next != nullptr && detail::same_bytes(next->speaker, sentence_.speaker) &&
      detail::is_short_interjection(interjection_, pieces_.back().end, next->start, limits)) {
    // The speaker goes on: the interjection is a turn of its own, cut by the same rules, that
    // waits in the reorder window for the sentence it falls in.
    stitcher alone(options_, [this](const cue& part) {
      if (!released_ || part.start >= released_start_) return hold(part);
      cue later = part;  // cues out of order: not before one handed out
      move_later(later.start, later.end, released_start_);
      hold(later);
    });
    alone.push(interjection_);
    alone.finish();
    if (held_end_ - held_begin_ > reorder_window) release(held_[held_begin_].start);
    return;
  }
  // A turn like any other: the sentence ends before it.
  const millis next_start = input_start_;
  input_start_ = interjection_.start;  // the turn ends where the held cue came in
  flush_turn();
  push(interjection_);
  input_start_ = next_start;
}

void stitcher::finish() {
  if (interjection_held_) end_interjection(nullptr);
  if (in_turn_) flush_turn();
  input_start_ = std::numeric_limits<millis>::max();
  release(std::numeric_limits<millis>::max());
}

void stitcher::flush_turn() {
  cut(true);
  pending_.clear();
  pieces_.clear();
  scanned_ = 0;
  in_turn_ = false;
  mark_.valid = false;
}

void stitcher::cut(bool turn_over) {
  using status = detail::sentence_search::status;
  std::size_t begin = 0;  // pending_ always starts with a sentence
  for (;;) {
    const detail::sentence_search found = detail::find_sentence_end(pending_, scanned_, turn_over);
    if (found.result != status::found) {
      scanned_ = found.position;
      break;
    }
    emit_sentence(begin, found.position);
    after_unspaced_ = found.next == found.position;
    begin = found.next;
    // A sound tag after a sentence end is a unit of its own: "[door slams]".
    if (const std::size_t tag = detail::sound_tag_end(pending_, begin);
        tag != 0 && tag != detail::sound_tag_unfinished) {
      emit_sentence(begin, tag);
      begin = tag < pending_.size() ? tag + 1 : tag;
    }
    scanned_ = begin;
  }
  if (turn_over) {
    if (begin < pending_.size()) emit_sentence(begin, pending_.size());
    begin = pending_.size();
  } else {
    // A sentence already over a cap is split now rather than when it ends, so that text
    // without sentence ends (automatic captions) does not pile up.
    for (auto [end, next] = split_point(begin, scanned_, npos); end != npos;
         std::tie(end, next) = split_point(begin, scanned_, npos)) {
      emit(begin, end);
      after_unspaced_ = next == end;
      begin = next;
    }
    // Without caps, a sentence that never ends is cut at a size bound all the same.
    while (scanned_ - begin > stitch_options::most_bytes) {
      const std::size_t space = pending_.rfind(' ', begin + stitch_options::most_bytes);
      if (space == npos || space <= begin) break;  // one word of a megabyte: left whole
      emit(begin, space);
      begin = space + 1;
    }
  }
  drop_front(begin);
}

void stitcher::emit_sentence(std::size_t begin, std::size_t end) {
  if (caps_.max_chars != 0 || caps_.max_duration > 0) {
    const std::string_view text = pending_;
    std::size_t chars = detail::count_code_points(text.substr(begin, end - begin));
    for (auto [at, next] = split_point(begin, end, chars); at != npos;
         std::tie(at, next) = split_point(begin, end, chars)) {
      emit(begin, at);
      after_unspaced_ = next == at;
      chars -= detail::count_code_points(text.substr(begin, next - begin));  // the chunk and its space
      begin = next;
    }
  }
  emit(begin, end);
}

std::pair<std::size_t, std::size_t> stitcher::split_point(std::size_t begin, std::size_t limit,
                                                          std::size_t total_chars) const {
  const std::size_t max_chars = caps_.max_chars;
  const millis max_duration = caps_.max_duration;
  if ((max_chars == 0 && max_duration <= 0) || begin >= limit) return {npos, npos};
  // A complete sentence is cut into even chunks, so that no stub like "Podcast." is left at the
  // end. The length of an unfinished one is not known: it is cut greedily, and only once it is
  // clearly long (text without sentence ends), leaving its last few chunks to be evened out.
  constexpr std::size_t chunks_before_early_cut = 8;
  const bool complete = total_chars != npos;
  const std::size_t least_chunks = complete ? 2 : chunks_before_early_cut;
  if (!may_need_chunks(pieces_, limit - begin, caps_, least_chunks)) return {npos, npos};

  const std::string_view text = pending_;
  text_clock<piece> clock = clock_at<piece>(text, pieces_, begin, mark_);
  const millis start = clock.start_time();
  const std::size_t time_checked_from = time_cap_reached_from(pieces_, start, max_duration);

  // How many chunks the text needs at least, and so how long each would ideally be. Of an
  // unfinished sentence only whether it needs `least_chunks` matters: enough code points are
  // counted for that (a code point has at most 4 bytes), not all of a long text every time.
  if (!complete) {
    const std::size_t enough = max_chars == 0 ? 0 : 4 * least_chunks * max_chars;
    total_chars = detail::count_code_points(text.substr(begin, std::min(limit - begin, enough)));
  }
  std::size_t chunks = max_chars == 0 ? 1 : chunks_for(total_chars, max_chars);
  if (time_checked_from < limit) {
    text_clock<piece> end_clock = clock;
    end_clock.advance(limit, true);
    chunks = std::max(chunks, chunks_for(end_clock.end_time() - start, max_duration));
  }
  if (chunks < least_chunks) return {npos, npos};

  const auto fits = [&](std::size_t chars, std::size_t end) {
    if (max_chars != 0 && chars > max_chars) return false;
    if (end < time_checked_from) return true;
    clock.advance(end, true);
    return clock.end_time() - start <= max_duration;
  };
  const std::size_t target = complete ? total_chars / chunks : std::numeric_limits<std::size_t>::max();
  const auto joint = [this](std::size_t i) {  // a source cue's text starts at i, unspaced
    const auto at = std::lower_bound(pieces_.begin(), pieces_.end(), i,
                                     [](const piece& p, std::size_t position) { return p.begin < position; });
    return at != pieces_.end() && at->begin == i;
  };
  const split s = choose_split(text, begin, limit, target, !complete, fits, joint);
  return {s.end, s.next};
}

void stitcher::emit(std::size_t begin, std::size_t end) {
  text_clock<piece> clock = clock_at<piece>(pending_, pieces_, begin, mark_);
  millis start = clock.start_time();
  sentence_.line = clock.piece().line;
  clock.advance(end, true);
  millis stop = clock.end_time();
  // A turn's sentences keep their order: one that interpolates to an earlier start than the
  // one before (the speaker's cues overlap or go backward) is moved after it, keeping its length.
  if (turn_emitted_ && start < turn_start_) move_later(start, stop, turn_start_);
  if (released_ && start < released_start_) move_later(start, stop, released_start_);
  // Text without a space between two sentences ("はい。そうです。") puts both ends on one
  // character boundary: the end rounded up and the start rounded down may differ by 1 ms.
  if (after_unspaced_ && start < turn_end_ && turn_end_ - start <= 1) start = turn_end_;
  after_unspaced_ = false;
  if (stop <= start) stop = start == std::numeric_limits<millis>::max() ? start : start + 1;  // an empty cue
  sentence_.start = start;
  sentence_.end = stop;
  sentence_.text.assign(pending_, begin, end - begin);
  collect_words(begin, end);
  detail::assign_payload(sentence_.payload, sentence_.speaker, sentence_.text);
  turn_start_ = start;
  turn_end_ = stop;
  turn_emitted_ = true;
  deliver();
}

void stitcher::deliver() {
  // The usual case, one speaker at a time: no later cue can start before this sentence.
  if (held_begin_ == held_end_ && sentence_.start <= input_start_) {
    released_start_ = sentence_.start;
    released_ = true;
    out_(sentence_);
    return;
  }
  hold(sentence_);
  if (held_end_ - held_begin_ > reorder_window) release(held_[held_begin_].start);
}

void stitcher::hold(const cue& c) {
  if (held_end_ == held_.size()) {
    // Move the slots handed out to the back, to be reused, once they are half the window: a
    // rotation for every sentence when one slot is free moved the whole window each time.
    if (held_begin_ > 0 && 2 * held_begin_ >= held_.size()) {
      std::rotate(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(held_begin_), held_.end());
      held_end_ -= held_begin_;
      held_begin_ = 0;
    } else {
      held_.emplace_back();
    }
  }
  std::size_t at = held_end_++;
  held_[at] = c;  // assigning reuses the slot's strings
  // Into place by start, but never before a sentence of the same speaker: words keep their order.
  while (at > held_begin_ && held_[at - 1].start > held_[at].start) {
    cue& earlier = held_[at - 1];
    if (detail::same_bytes(earlier.speaker, held_[at].speaker)) {
      move_later(held_[at].start, held_[at].end, earlier.start);
      break;
    }
    std::swap(earlier, held_[at]);
    --at;
  }
}

void stitcher::release(millis floor) {
  for (; held_begin_ != held_end_ && held_[held_begin_].start <= floor; ++held_begin_) {
    released_start_ = held_[held_begin_].start;
    released_ = true;
    out_(held_[held_begin_]);
  }
  if (held_begin_ == held_end_) held_begin_ = held_end_ = 0;
}

void stitcher::drop_front(std::size_t count) {
  if (count == 0) return;
  mark_.valid = false;  // positions and pieces change
  if (count >= pending_.size()) {
    pending_.clear();
    pieces_.clear();
    scanned_ = 0;
    return;
  }
  const std::string_view text = pending_;
  std::size_t done = 0;
  while (done < pieces_.size() && pieces_[done].begin + pieces_[done].size <= count) ++done;
  pieces_.erase(pieces_.begin(), pieces_.begin() + static_cast<std::ptrdiff_t>(done));
  for (piece& p : pieces_) {
    if (p.begin < count) {  // partly emitted: remember how far in it the rest starts
      p.skipped += detail::count_code_points(text.substr(p.begin, count - p.begin));
      p.size -= count - p.begin;
      p.begin = 0;
    } else {
      p.begin -= count;
    }
  }
  pending_.erase(0, count);
  scanned_ = scanned_ > count ? scanned_ - count : 0;
}

std::vector<cue> stitch(std::span<const cue> cues, stitch_options options) {
  std::vector<cue> stitched;
  stitcher s(options, [&stitched](const cue& c) { stitched.push_back(c); });
  for (const cue& c : cues) s.push(c);
  s.finish();
  return stitched;
}

}  // namespace vttkit
