// Suspicious speaker changes (T303, T304): the detector, the repair and the report of
// `vtt speakers --suspicious`.
//
// Machine transcripts put a full stop at the end of every segment, so a turn that ends "I want
// to." has no less punctuation than one that ends a sentence. The tests therefore read words:
// a turn that ends on a word no English sentence ends on ("a", "the", "to", "with", "and",
// "I" ...), or without any sentence mark before a lower-case word or after a clause mark, or a
// turn after a full stop that opens with a question's word order ("Was all this ...") but is no
// question.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <vttkit/transform.hpp>

#include <vttkit/timestamp.hpp>

#include "text/ascii.hpp"
#include "text/json.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"
#include "transform/interjections.hpp"
#include "transform/sentences.hpp"

namespace vttkit {
namespace {

constexpr std::size_t most_held = 8;  ///< cues of a turn held while its change is undecided
constexpr std::size_t quoted_words = 5;

/// Words after which an English sentence cannot end: articles, possessives, prepositions that
/// are not verb particles, conjunctions, and "I".
constexpr std::array<std::string_view, 27> dangling_words{
    "a",   "an", "the", "my",   "your", "his",  "her", "its", "our", "their", "of",      "to", "with", "from",
    "for", "at", "by",  "into", "onto", "than", "and", "or",  "but", "nor",   "because", "if", "i"};

/// Words that open a question; a sentence they open that ends without `?` continues a clause.
constexpr std::array<std::string_view, 17> question_openers{"was",   "were", "is",    "are",    "am",   "do",
                                                            "does",  "did",  "has",   "have",   "had",  "can",
                                                            "could", "will", "would", "should", "shall"};

/// Whether two labels name one speaker: the same apart from case and white space (spellings
/// that differ so are T302's business, not a change of speaker).
bool same_speaker(std::string_view a, std::string_view b) noexcept {
  if (a == b) return true;
  std::size_t i = 0, j = 0;
  for (;;) {
    char32_t x = 0, y = 0;
    while (i < a.size() && detail::is_white_space(x = detail::next_code_point(a, i))) x = 0;
    while (j < b.size() && detail::is_white_space(y = detail::next_code_point(b, j))) y = 0;
    if (detail::fold_case(x) != detail::fold_case(y)) return false;
    if (x == 0) return true;
  }
}

bool is_closer(char32_t cp) noexcept {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/// The last code point of `text` before trailing white space and closing quotes or brackets.
char32_t last_mark(std::string_view text) noexcept {
  char32_t last = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = detail::next_code_point(text, i);
    if (!detail::is_white_space(cp) && !is_closer(cp)) last = cp;
  }
  return last;
}

bool is_sentence_mark(char32_t cp) noexcept { return cp == '.' || cp == '?' || cp == '!' || cp == 0x2026; }

/// The words of `text`, split at white space.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && detail::space_length(text, i) != 0) i += detail::space_length(text, i);
    const std::size_t begin = i;
    while (i < text.size() && detail::space_length(text, i) == 0) ++i;
    if (i > begin) out.push_back(text.substr(begin, i - begin));
  }
  return out;
}

/// A word without punctuation around it, in lower case (ASCII), for the word lists.
std::string bare(std::string_view word) {
  std::string out;
  for (char ch : word) {
    if (detail::is_alpha(ch) || ch == '\'') out += detail::to_lower(ch);
    else if (static_cast<unsigned char>(ch) >= 0x80) out += ch;
  }
  return out;
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

/// What the turn after a change opens with.
struct opening {
  std::string text;                              ///< its first cues' words, joined by single spaces
  std::vector<std::size_t> ends;                 ///< where each held cue's words end in `text`
  std::size_t sentence_end = std::string::npos;  ///< the end of its first sentence, when known
};

opening read_opening(const std::vector<cue>& held, bool complete) {
  opening o;
  for (const auto& c : held) {
    detail::append_words(o.text, c.text);
    o.ends.push_back(o.text.size());
  }
  const auto found = detail::find_sentence_end(o.text, 0, complete);
  if (found.result == detail::sentence_search::status::found) o.sentence_end = found.position;
  else if (complete && !o.text.empty()) o.sentence_end = o.text.size();  // the turn is one sentence
  return o;
}

/// Whether the last clause of a cue's words is short: at most `short_clause` words after a clause
/// or sentence mark of the same cue ("right, And like there.").
bool short_last_clause(const std::vector<std::string_view>& words) {
  constexpr std::size_t short_clause = 3;
  for (std::size_t n = 1; n <= short_clause && n < words.size(); ++n) {
    const char32_t mark = last_mark(words[words.size() - 1 - n]);
    if (is_sentence_mark(mark) || mark == ',' || mark == ';' || mark == ':') return true;
  }
  return false;
}

/// Whether the text `after` opens continues the sentence that `before` leaves (T303's test).
bool continues(std::string_view before, const opening& after) {
  const auto before_words = words_of(before);
  const auto after_words = words_of(after.text);
  if (before_words.empty() || after_words.empty()) return false;
  const char32_t mark = last_mark(before);
  const bool dangling = listed(dangling_words, bare(before_words.back()));
  if (dangling) return true;
  if (!is_sentence_mark(mark)) {
    std::size_t i = 0;
    const bool lower = detail::is_lowercase(detail::next_code_point(after.text, i));
    const bool clause = mark == ',' || mark == ';' || mark == ':' || mark == 0x2014 || mark == 0x2013 || mark == '-';
    return lower || clause;
  }
  if (mark != '.' || after.sentence_end == std::string::npos || !short_last_clause(before_words)) return false;
  const bool question_order = listed(question_openers, bare(after_words.front()));
  return question_order && last_mark(std::string_view{after.text}.substr(0, after.sentence_end)) != '?';
}

/// The last `quoted_words` words of `text`, "..." before them when there were more.
std::string last_words(std::string_view text) {
  const auto w = words_of(text);
  const std::size_t from = w.size() > quoted_words ? w.size() - quoted_words : 0;
  std::string out = from > 0 ? "..." : "";
  for (std::size_t i = from; i < w.size(); ++i) {
    if (i > from) out += ' ';
    out += w[i];
  }
  return out;
}

/// The first `quoted_words` words of `text`, "..." after them when there are more.
std::string first_words(std::string_view text) {
  const auto w = words_of(text);
  std::string out;
  for (std::size_t i = 0; i < std::min(w.size(), quoted_words); ++i) {
    if (i) out += ' ';
    out += w[i];
  }
  if (w.size() > quoted_words) out += "...";
  return out;
}

/// The continuation of a suspicious change: whole cues, then words of the next cue.
void measure_continuation(const opening& o, const std::vector<cue>& held, speaker_joint& j) {
  if (o.sentence_end == std::string::npos) return;
  std::size_t k = 0;
  while (k < o.ends.size() && o.ends[k] <= o.sentence_end) ++k;
  j.cues = k;
  if (k == held.size()) return;
  const std::size_t start = k == 0 ? 0 : o.ends[k - 1];
  j.words = words_of(std::string_view{o.text}.substr(start, o.sentence_end - start)).size();
}

}  // namespace

rule rule_of(const speaker_joint& j) noexcept {
  return j.what == speaker_joint::kind::short_interjection ? rule::short_interjection : rule::suspicious_speaker_change;
}

std::string describe(const speaker_joint& j) {
  if (j.what == speaker_joint::kind::short_interjection)
    return fmt::format("short turn of \"{}\" inside a sentence of \"{}\": \"{} | {}\"", j.to, j.from, j.before,
                       j.after);
  return fmt::format("speaker changes from \"{}\" to \"{}\" inside a sentence: \"{} | {}\"", j.from, j.to, j.before,
                     j.after);
}

speaker_joints::speaker_joints(joint_options options, joint_handler found, cue_handler out)
    : options_(options), found_(std::move(found)), out_(std::move(out)) {}

void speaker_joints::push(const cue& c) {
  if (started_ && same_speaker(c.speaker, current_.speaker)) {
    current_.text.assign(c.text);
    current_.start = c.start;
    current_.end = c.end;
    if (held_.empty()) {
      if (out_) out_(c);
      return;
    }
    held_.push_back(c);
    if (held_.size() >= most_held || read_opening(held_, false).sentence_end != std::string::npos)
      decide(nullptr, false);
    return;
  }
  if (!held_.empty()) decide(&c, true);
  if (started_) {
    before_.speaker.swap(current_.speaker);
    before_.text.swap(current_.text);
    before_.start = current_.start;
    before_.end = current_.end;
    have_before_ = true;
  }
  start_turn(c);
}

void speaker_joints::start_turn(const cue& c) {
  started_ = true;
  current_.speaker.assign(c.speaker);
  current_.text.assign(c.text);
  current_.start = c.start;
  current_.end = c.end;
  skip_ = std::exchange(skip_next_, false);
  if (!have_before_) {
    if (out_) out_(c);
    return;
  }
  held_.push_back(c);
}

void speaker_joints::finish() {
  if (!held_.empty()) decide(nullptr, true);
}

void speaker_joints::decide(const cue* next, bool closed) {
  if (before_.speaker.empty() || held_.front().speaker.empty()) {  // no speaker: not a diarization change
    release();
    return;
  }
  speaker_joint j;
  j.line = held_.front().line;
  j.time = held_.front().start;
  j.from = before_.speaker;
  j.to = held_.front().speaker;
  j.before = last_words(before_.text);
  const cue& b = held_.front();
  if (next != nullptr && held_.size() == 1 && same_speaker(next->speaker, before_.speaker) &&
      detail::is_short_turn(b.text, options_)) {
    const bool no_pause = detail::is_short_interjection(b, before_.end, next->start, options_);
    std::vector<cue> after_it{*next};
    if (no_pause || continues(before_.text, read_opening(held_, true)) ||
        continues(b.text, read_opening(after_it, true))) {
      j.what = speaker_joint::kind::short_interjection;
      j.after = fmt::format("{} | {}", first_words(b.text), first_words(next->text));
      skip_next_ = true;
      found_(j, held_);
      release();
      return;
    }
  }
  const auto o = read_opening(held_, closed);
  if (!skip_ && continues(before_.text, o)) {
    j.after = first_words(o.text);
    measure_continuation(o, held_, j);
    found_(j, held_);
  }
  release();
}

void speaker_joints::release() {
  if (out_)
    for (const auto& c : held_) out_(c);
  held_.clear();
}

// --- the repair ----------------------------------------------------------------------------

namespace {

/// Gives a cue to another speaker: the payload is rebuilt as `<v NAME>` and the plain text.
void give(cue& c, const std::string& speaker) {
  c.speaker = speaker;
  detail::assign_payload(c.payload, c.speaker, c.text);
}

/// Splits `c` after its first `count` words: `c` keeps them, the returned cue the rest. The
/// time of the cut is the next word's own time when the cue has word timings, else interpolated
/// by code point.
cue split_after(cue& c, std::size_t count) {
  const auto w = words_of(c.text);
  const auto cut = static_cast<std::size_t>(w[count - 1].data() + w[count - 1].size() - c.text.data());
  cue rest = c;
  std::string head, tail;
  detail::append_words(head, std::string_view{c.text}.substr(0, cut));
  detail::append_words(tail, std::string_view{c.text}.substr(cut));
  millis at = c.start;
  if (c.words.size() == w.size()) {
    at = c.words[count].start;
    rest.words.erase(rest.words.begin(), rest.words.begin() + static_cast<std::ptrdiff_t>(count));
    c.words.resize(count);
  } else {
    const auto total = detail::count_code_points(head) + 1 + detail::count_code_points(tail);
    at = c.start +
         (c.end - c.start) * static_cast<millis>(detail::count_code_points(head) + 1) / static_cast<millis>(total);
    c.words.clear();
    rest.words.clear();
  }
  c.text = std::move(head);
  rest.text = std::move(tail);
  c.end = at;
  rest.start = at;
  detail::assign_payload(c.payload, c.speaker, c.text);
  detail::assign_payload(rest.payload, rest.speaker, rest.text);
  return rest;
}

}  // namespace

speaker_repair::speaker_repair(joint_options options, cue_handler out, diagnostic_sink notes)
    : notes_(std::move(notes)),
      joints_(
          options, [this](const speaker_joint& j, std::vector<cue>& held) { repair(j, held); }, std::move(out)) {}

void speaker_repair::repair(const speaker_joint& j, std::vector<cue>& held) {
  diagnostic d{rule_of(j), j.line, 1, {}};
  if (j.what == speaker_joint::kind::short_interjection) {
    give(held.front(), j.from);
    d.message = fmt::format("repaired: \"{}\" now spoken by \"{}\", not \"{}\"",
                            words_of(held.front().text).empty() ? std::string() : first_words(held.front().text),
                            j.from, j.to);
  } else if (j.cues == 0 && j.words == 0) {
    d.message = fmt::format("left alone: no sentence end within {} cues of \"{}\" after the change from \"{}\"",
                            held.size(), j.to, j.from);
  } else {
    std::string moved;  // the words given to the speaker who started the sentence
    for (std::size_t i = 0; i < j.cues; ++i) {
      detail::append_words(moved, held[i].text);
      give(held[i], j.from);
    }
    if (j.words > 0) {
      cue rest = split_after(held[j.cues], j.words);
      detail::append_words(moved, held[j.cues].text);
      give(held[j.cues], j.from);
      held.insert(held.begin() + static_cast<std::ptrdiff_t>(j.cues) + 1, std::move(rest));
    }
    const auto count = detail::count_words(moved);
    d.message = fmt::format("repaired: {} word{} to the sentence end (\"{}\") now spoken by \"{}\", not \"{}\"", count,
                            count == 1 ? "" : "s", first_words(moved), j.from, j.to);
  }
  if (notes_) notes_(d);
}

// --- the report ----------------------------------------------------------------------------

std::string suspicious_table(std::span<const speaker_joint> joints) {
  std::string out = fmt::format("{:>6}  {:<12}  {:<4}  {}\n", "line", "time", "rule", "joint");
  for (const auto& j : joints) {
    const auto& r = info(rule_of(j));
    out += fmt::format("{:>6}  {:<12}  {:<4}  {}\n", j.line, format_timestamp(j.time), r.id, describe(j));
  }
  return out;
}

std::string suspicious_json(std::span<const speaker_joint> joints) {
  std::string out = "{\"suspicious\": [";
  const auto str = [&out](std::string_view key, const std::string& value, bool null_when_empty) {
    out += fmt::format(", \"{}\": ", key);
    if (null_when_empty && value.empty()) out += "null";
    else detail::append_json_string(out, value);
  };
  for (std::size_t i = 0; i < joints.size(); ++i) {
    const auto& j = joints[i];
    const auto& r = info(rule_of(j));
    out += i ? ",\n  " : "\n  ";
    out += fmt::format("{{\"rule\": \"{}\", \"name\": \"{}\", \"line\": {}, \"time\": {}.{:03}", r.id, r.name, j.line,
                       j.time / 1000, j.time % 1000);
    str("from", j.from, true);
    str("to", j.to, true);
    str("before", j.before, false);
    str("after", j.after, false);
    out += '}';
  }
  out += joints.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace vttkit

namespace vttkit::detail {

bool is_short_turn(std::string_view text, const joint_options& o) noexcept {
  return count_words(text) < o.interjection_words;
}

bool is_short_interjection(const cue& turn, millis before_end, millis after_start, const joint_options& o) noexcept {
  return is_short_turn(turn.text, o) && turn.start - before_end < o.interjection_pause &&
         after_start - turn.end < o.interjection_pause;
}

}  // namespace vttkit::detail
