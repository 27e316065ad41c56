// Transcript transforms: speaker labels, merging fragments into turns, one cue per sentence.
// Each works on a stream of cues (push in order, receive through a handler), so the program
// handles any file size in bounded memory; whole-document helpers wrap them.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>

namespace vttkit {

/// Receives the cues a stage produces.
using cue_handler = std::function<void(const cue&)>;

/// Renames speakers (docs/transcripts.md, `--map`). Labels match after trimming and collapsing
/// white space, case-insensitively; several labels may map to one name.
class speaker_map {
 public:
  /// Adds `OLD=NEW`. False when either side is empty after trimming.
  bool add(std::string_view old_label, std::string_view new_name);
  /// Adds an `OLD=NEW` entry written as one string. False when it has no `=` or a side is empty.
  bool add_entry(std::string_view entry);
  /// Reads a map file: lines `OLD=NEW`, `#` comments and blank lines ignored. On a bad line,
  /// returns false and sets `error_line` (1-based).
  bool load(std::string_view text, std::size_t& error_line);
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  /// Renames `c.speaker` and the voice of its `<v>` tags in the payload; other markup is kept.
  void apply(cue& c);
  /// The labels, as given, that no cue matched so far.
  [[nodiscard]] std::vector<std::string> unused_labels() const;

 private:
  struct entry {
    std::string given;  ///< the label as the user wrote it
    std::string key;    ///< normalised: trimmed, white space collapsed, lower case
    std::string name;   ///< the new name
    bool used = false;
  };
  std::vector<entry> entries_;
};

/// Receives the cues a rewriting stage hands on, which it may rewrite further in place.
using mutable_cue_handler = std::function<void(cue&)>;

/// What `prefix_speakers` accepts besides the names it recognises by their shape
/// (docs/transcripts.md): names given by the user, and a pattern for other prefix forms.
class prefix_rules {
 public:
  prefix_rules();
  ~prefix_rules();
  prefix_rules(const prefix_rules&);
  prefix_rules& operator=(const prefix_rules&);
  prefix_rules(prefix_rules&&) noexcept;
  prefix_rules& operator=(prefix_rules&&) noexcept;

  /// `--speaker-names "A,B"`: names accepted as prefixes from their first use, even a word of
  /// the deny list. Matched like map labels (trimmed, white space collapsed, any case). False
  /// when an entry is empty after trimming.
  bool add_names(std::string_view comma_separated);
  /// `--prefix-pattern REGEX` (ECMAScript syntax): matched at the start of a cue's text; its
  /// first group (else the whole match, without a final `:`) is the speaker, and the match and
  /// the white space after it leave the text. False, with a message in `error`, when the
  /// pattern does not compile. The pattern sees the first `pattern_input` bytes of the text.
  bool set_pattern(std::string_view regex, std::string& error);
  static constexpr std::size_t pattern_input = 256;
  /// A given name followed by `: ` at the start of `text`: the bytes to remove (the name, the
  /// colon and the white space after it) and the name as written; 0 when there is none.
  [[nodiscard]] std::size_t match_listed(std::string_view text, std::string& name) const;
  /// The pattern's match at the start of `text`: the bytes to remove and the name; 0 when none.
  [[nodiscard]] std::size_t match_pattern(std::string_view text, std::string& name) const;
  [[nodiscard]] bool has_pattern() const noexcept { return pattern_ != nullptr; }
  [[nodiscard]] bool empty() const noexcept { return names_.empty() && pattern_ == nullptr; }

 private:
  struct compiled;
  std::vector<std::string> names_;  ///< normalised like map keys
  std::unique_ptr<compiled> pattern_;
};

/// Takes speakers from prefixes in the cue text (docs/transcripts.md, `--speakers-from-prefix`):
/// `NAME: `, `>> NAME: `, `[NAME]: `, a first line `NAME  0:03`, Zoom's cue id `1 "NAME" (123)`,
/// and what `prefix_rules` adds. A name in capitals (`JOE`, `THE COURT`), after `>>`, in
/// brackets or with a time is taken at once; a name in mixed case (`Andrew Knight`) once it is
/// seen on a second cue within the next `lookahead` cues, or, when each of its words starts
/// with a capital, once any name was taken in the input. The stage holds at most `lookahead`
/// cues, and only while such a name is undecided. Labels of
/// the deny list (`Note`, `Q`, `Example`, URL schemes, ...) are never names. Cues with a `<v>`
/// voice are left alone; a cue without a prefix keeps the speaker of the cue before it until
/// the input shows a label repeated on consecutive cues (it labels every cue, as Zoom does),
/// and `>>` without a name starts an unnamed speaker. A `[Name] ` label before the words
/// (subtitles for the deaf, which label only some cues) is taken at once, and the cues after it
/// without a label keep no speaker.
class prefix_speakers {
 public:
  static constexpr std::size_t default_lookahead = 64;

  explicit prefix_speakers(mutable_cue_handler out, prefix_rules rules = {}, std::size_t lookahead = default_lookahead);
  /// Takes the next cue, rewritten in place when it is handed on at once (the usual case).
  void push(cue& c);
  /// Hands on the cues still held.
  void finish();

 private:
  enum class kind : unsigned char { none, named, pending, change, voiced };
  struct held {
    cue c;
    kind what = kind::none;
    std::size_t length = 0;  ///< prefix bytes to remove from the text
    std::string name;        ///< collapsed as written
    std::string key;         ///< `name` in lower case
    std::size_t index = 0;   ///< its place in the input, counted from 0
    bool every_cue = false;  ///< the input was known to label every cue
    bool title = false;      ///< a name in title case: taken once the input is established
    bool sparse = false;     ///< a `[Name] ` label: the cues after it without one keep no speaker
  };

  void classify(const cue& c, held& h);
  void release(bool all);
  void emit(cue& c, const held& h);
  [[nodiscard]] bool accepted(std::string_view key) const;
  /// The input is known to carry names: a title-case name is taken at its first use.
  [[nodiscard]] bool established() const noexcept { return !accepted_.empty(); }
  void accept(const std::string& key);

  mutable_cue_handler out_;
  prefix_rules rules_;
  std::size_t lookahead_;
  std::deque<held> held_;
  held scratch_;                       ///< the classification of a cue not held
  std::vector<std::string> accepted_;  ///< keys of mixed-case names accepted
  std::string last_;                   ///< speaker a cue without prefix inherits
  std::string last_key_;               ///< key of the previous cue's prefix, "" when it had none
  std::size_t pushed_ = 0;             ///< cues pushed so far
  bool every_cue_ = false;             ///< the input repeats labels: no inheriting
};

/// With the prefix step off, notices cues whose text starts with a speaker's name, as the prefix
/// step would take it: without speakers, `merge` joins different people, so the program
/// mentions them. Counts nothing once a cue has a `<v>` voice.
class prefix_census {
 public:
  void push(const cue& c);
  /// Cues that start with a name taken at once or used on another cue too (both uses count);
  /// 0 in a voiced input.
  [[nodiscard]] std::size_t named_cues() const noexcept { return voiced_ ? 0 : named_; }
  /// The first such prefix, as written (`Andrew Knight:`, `[Alba]`; a Zoom id's name alone).
  [[nodiscard]] const std::string& example() const noexcept { return example_; }

 private:
  std::vector<std::string> seen_;       ///< keys of mixed-case names seen once (a few)
  std::vector<std::string> confirmed_;  ///< keys of mixed-case names seen twice (a few)
  std::string example_;
  std::size_t named_ = 0;
  bool voiced_ = false;
};

/// Whether `payload` has an inline timestamp (`<` then a digit): one scan, no parse.
[[nodiscard]] bool has_inline_timestamps(std::string_view payload) noexcept;

/// Fills `c.words` from the inline timestamps of its payload (docs/formats.md, "Word timings"):
/// the words are the white-space-separated runs of the plain text; a word starts at the last
/// timestamp before its first character (the cue's start before any) and ends where the next
/// word starts (the cue's end for the last word; never before its start). Without an inline
/// timestamp, `c.words` is cleared. Returns whether the cue has words.
bool fill_words(cue& c);

/// How `rollup_filter` treats its input: recognise roll-up captions by their shape, or take
/// every input as roll-up, or none.
enum class rollup_mode { automatic, on, off };

/// One `--rollup` choice.
struct rollup_mode_info {
  rollup_mode mode;
  std::string_view name;  ///< "auto", "on", "off"
  std::string_view summary;
};
/// Every `--rollup` choice.
[[nodiscard]] std::span<const rollup_mode_info> rollup_modes() noexcept;

/// Rebuilds roll-up captions (YouTube's automatic captions, rolling broadcast captions) with each
/// line once (docs/transcripts.md, "Roll-up captions"). In roll-up captions each cue shows again
/// the last lines of the cue before it; the filter removes a cue's leading lines that equal the
/// previous cue's last lines, or the previous last line's words when the first line grows from
/// them, and its white-space-only lines, and drops cues left empty (YouTube's 10 ms hold cues).
/// `c.words` lose the words removed. In automatic mode the first `probe_cues` cues are held
/// and the input is taken as roll-up when, of their consecutive pairs that show different
/// lines, at least 2 and at least half repeat: the later cue's first non-blank line starts with
/// the earlier one's last non-blank line (white space collapsed). Otherwise cues pass through
/// unchanged.
class rollup_filter {
 public:
  static constexpr std::size_t probe_cues = 16;

  rollup_filter(rollup_mode mode, cue_handler out);
  void push(const cue& c);
  /// Decides, if the input was shorter than the probe, and hands on what is held.
  void finish();
  /// Whether the input was found not to be roll-up: later cues may bypass the filter.
  [[nodiscard]] bool passing() const noexcept { return state_ == state::passing; }
  /// Repeated lines (and repeated leading words of a growing line) removed so far.
  [[nodiscard]] std::size_t removed() const noexcept { return removed_; }

 private:
  enum class state { probing, rolling, passing };
  void decide();
  void dedupe(const cue& c);

  state state_;
  cue_handler out_;
  std::vector<cue> probe_;
  std::vector<std::string> previous_;  ///< the last cue's non-blank lines, white space collapsed
  std::vector<std::string> current_;
  std::vector<std::size_t> current_lines_;  ///< the line number within the cue of each of current_
  cue kept_;                                ///< the cue handed on, reused
  std::size_t removed_ = 0;
};

/// Options of `merge` (docs/transcripts.md).
struct merge_options {
  millis max_gap = 2000;      ///< join when next start minus previous end is at most this
  std::size_t max_chars = 0;  ///< 0: no limit on a merged cue's text length
  millis max_duration = 0;    ///< 0: no limit on a merged cue's duration
  /// Cues without a speaker (a file without voices is one long turn) merge into reading-sized
  /// cues: these caps stand in for `max_chars` and `max_duration` where those are 0. About
  /// 30 s of speech, 500 characters at the 17 a second of conversation. 0: no limit.
  std::size_t unvoiced_max_chars = 500;
  millis unvoiced_max_duration = 30000;
  /// Whatever the caps, a merged cue holds at most this much text (bytes): memory stays bounded
  /// on a turn of any length, and the output reads back (a reader stops at a 4 MiB block).
  static constexpr std::size_t most_bytes = std::size_t{1} << 20;
};

/// Joins consecutive cues of the same speaker into one. The joined cue has the words of its
/// parts (`cue::words`) when every part with text had them.
class merger {
 public:
  merger(merge_options options, cue_handler out);
  void push(const cue& c);
  /// Emits what is still held.
  void finish();

 private:
  void add_words(const cue& c);

  merge_options options_;
  cue_handler out_;
  cue current_;
  bool holding_ = false;
  bool timed_ = false;  ///< every part with text so far had words
};

/// Options of `stitch` (docs/transcripts.md).
struct stitch_options {
  std::size_t max_chars = 0;  ///< 0: no limit; longer sentences split at clauses, then words
  millis max_duration = 0;    ///< 0: no limit
  /// As merge_options: a turn without a speaker (text without voices, often without
  /// punctuation) is cut at reading size where `max_chars` and `max_duration` are both 0.
  std::size_t unvoiced_max_chars = 500;
  millis unvoiced_max_duration = 30000;
  /// A silence longer than this between two cues of a turn ends the sentence before it: text
  /// without a final mark (subtitles in Chinese and Japanese, captions) is not stretched over
  /// it. 0: no such end.
  millis sentence_gap = 10000;
  /// Whatever the caps, an unfinished sentence longer than this (bytes) is cut at its last
  /// space before it: text without sentence ends keeps memory bounded and reads back.
  static constexpr std::size_t most_bytes = std::size_t{1} << 20;
};

/// Re-cuts each speaker turn into one cue per sentence. A sentence starts when its first word
/// starts and ends when its last word ends: the words' own times when the source cue has them
/// (`cue::words`; the sentence then has its words too), else times interpolated by character
/// within the source cue. Sentences are emitted as soon as they are known to be complete, so
/// memory holds only the unfinished one.
///
/// Speakers may talk over each other: each sentence keeps its own time and the output is
/// ordered by start, overlaps kept. A sentence that starts after the last input cue's start
/// could still be preceded by a later cue, so it waits in a reorder window of at most
/// `reorder_window` sentences. A sentence that would start before one already written (input
/// cues out of order, a speaker overlapping themselves, or a window overflow) is moved later,
/// keeping its length. A short turn of another speaker (fewer words than T304's
/// `joint_options::interjection_words`, no pause of `interjection_pause` on either side) inside
/// a sentence that the speaker then goes on with does not end that sentence: it becomes a cue
/// of its own at its own time, overlapping the sentence ("I think that we should | Yeah. | go").
class stitcher {
 public:
  stitcher(stitch_options options, cue_handler out);
  void push(const cue& c);
  void finish();

  /// Sentences held at most while waiting for the cues that may start before them.
  static constexpr std::size_t reorder_window = 256;

 private:
  /// One source cue's share of `pending_`: where its text lies and the times it spans.
  struct piece {
    millis start = 0;
    millis end = 0;           ///< never before start
    std::size_t begin = 0;    ///< offset of its first byte still in pending_
    std::size_t size = 0;     ///< its bytes still in pending_
    std::size_t skipped = 0;  ///< its code points already emitted and dropped from pending_
    std::size_t chars = 0;    ///< code points of its whole text
    std::size_t line = 0;     ///< source line, passed on to the cues cut from it
    bool word = false;        ///< one timed word (`cue::words`): its times are the word's own
  };

  /// Where the last time lookup in pending_ stood: lookups within one cut move forward, so
  /// the code points before a position are counted once, not again from the piece's start
  /// for every cue cut from one long source cue. Invalid once pending_ or pieces_ change.
  struct clock_mark {
    std::size_t position = 0;
    std::size_t index = 0;   ///< the piece
    std::size_t at = 0;      ///< byte reached in it
    std::size_t offset = 0;  ///< its code points before `at`
    bool valid = false;
  };

  void cut(bool turn_over);
  void emit_sentence(std::size_t begin, std::size_t end);
  void emit(std::size_t begin, std::size_t end);
  /// Where to split [begin, limit) for the caps: the end of the chunk and the start of the next
  /// (past a space, or the same place in text without spaces); npos twice when not to split.
  [[nodiscard]] std::pair<std::size_t, std::size_t> split_point(std::size_t begin, std::size_t limit,
                                                                std::size_t total_chars) const;
  void drop_front(std::size_t count);
  void flush_turn();
  [[nodiscard]] bool add_word_pieces(const cue& c, std::size_t begin);
  void collect_words(std::size_t begin, std::size_t end);
  void deliver();
  void hold(const cue& c);
  void release(millis floor);
  [[nodiscard]] bool may_interject(const cue& c) const;
  void end_interjection(const cue* next);

  stitch_options options_;
  stitch_options caps_;  ///< the current turn's: options_, or the unvoiced caps
  cue_handler out_;
  std::string pending_;        ///< the turn's text not emitted yet, words joined by single spaces
  std::vector<piece> pieces_;  ///< the source cues with text in pending_, in order
  mutable clock_mark mark_;
  std::size_t scanned_ = 0;    ///< pending_ before this offset holds no sentence end
  cue sentence_;               ///< the turn's speaker and settings; reused for every cue emitted
  millis turn_start_ = 0;      ///< start of the turn's last sentence: starts in a turn never decrease
  millis turn_end_ = 0;        ///< end of the turn's last sentence
  millis input_start_ = 0;     ///< start of the cue being pushed: later cues start no earlier
  millis released_start_ = 0;  ///< start of the last cue handed out: starts out never decrease
  std::vector<cue> held_;      ///< the reorder window, [held_begin_, held_end_) sorted by start
  std::size_t held_begin_ = 0;
  std::size_t held_end_ = 0;
  bool in_turn_ = false;
  bool turn_emitted_ = false;
  bool after_unspaced_ = false;  ///< the next sentence follows the last without a space
  bool released_ = false;
  /// A short turn of another speaker inside the turn's unfinished sentence (T304's size and
  /// timing), held until the next cue tells whether the speaker goes on after it.
  cue interjection_;
  bool interjection_held_ = false;
};

/// The paragraph rule of the transcript writers (docs/transcripts.md, "Paragraphs").
struct paragraph_options {
  millis gap = 2000;             ///< `--paragraph-gap`: a pause longer than this starts a paragraph
  std::size_t max_chars = 1000;  ///< no paragraph grows past this, but for a single longer cue
  /// Once a paragraph holds this many characters, it ends at the next cue that ends a sentence.
  std::size_t sentence_chars = 600;
  /// Whether turns with a speaker are cut too. Off: a voiced turn is one paragraph, led by its
  /// speaker's name (docs/formats.md), and only turns without a speaker are cut.
  bool cut_voiced_turns = false;
};

/// Where a cue falls in the paragraphs of a transcript.
struct paragraph_step {
  bool turn = false;       ///< it starts a speaker turn (the first cue, or another speaker)
  bool paragraph = false;  ///< it starts a paragraph: it has text and the one before it ended
};

/// Cuts a stream of cues into paragraphs for reading, for every transcript writer (md, txt,
/// html): a paragraph starts with a speaker turn; within a turn without a speaker (a file
/// without voices is one), also after a pause longer than `gap` (next start minus the previous
/// end), before a cue that would take it past `max_chars` code points, and after a cue that
/// ends a sentence once it holds `sentence_chars`. A speaker turn is a run of cues with the
/// same speaker. Cues without text take no part but for turns. Decides on each cue as it
/// comes, so it streams.
class paragraph_breaker {
 public:
  explicit paragraph_breaker(paragraph_options options = {}) noexcept : options_(options) {}
  /// Takes the next cue, whose text as it will be written is `text` (words are counted as
  /// joined by single spaces).
  paragraph_step next(const cue& c, std::string_view text);

 private:
  paragraph_options options_;
  std::string speaker_;
  std::size_t chars_ = 0;      ///< of the open paragraph
  millis end_ = 0;             ///< of the last cue with text
  bool open_turn_ = false;     ///< a cue was seen
  bool open_ = false;          ///< a paragraph has text
  bool sentence_end_ = false;  ///< the last cue with text ended a sentence
};

/// `--drop-sounds`: `text` without its bracketed sound tags (`[door slams]`, `(laughs)`, as
/// stitch recognises them: at most 48 bytes, no brackets or sentence marks inside, at the start
/// of a word and followed by white space or the end), white space around them collapsed.
[[nodiscard]] std::string drop_sound_tags(std::string_view text);

/// What `speaker_joints` looks for (docs/lint-rules.md, T303 and T304).
struct joint_options {
  std::size_t interjection_words = 3;  ///< T304: a one-cue turn of fewer words than this (0: none)
  millis interjection_pause = 1000;    ///< T304: both gaps around the turn shorter: the other speaker went on
};

/// A speaker change that looks like a diarization error: a sentence that one speaker starts and
/// another ends (T303), or a short turn inside another speaker's sentence (T304).
struct speaker_joint {
  enum class kind : unsigned char { suspicious_change, short_interjection };
  kind what = kind::suspicious_change;
  std::size_t line = 0;  ///< timing line of the first cue after the change
  millis time = 0;       ///< its start
  std::string from;      ///< the speaker before the change (who started the sentence)
  std::string to;        ///< the speaker after it
  std::string before;    ///< the last words before the change
  std::string after;     ///< the first words after it (T304: the turn, then the words after it)
  /// suspicious_change: the continuation that ends the sentence, from the first cue after the
  /// change: `cues` whole cues, then the first `words` words of the next one. Both 0: unknown
  /// (no sentence end within the cues held).
  std::size_t cues = 0;
  std::size_t words = 0;
};

/// The rule a joint is a finding of: T303 or T304.
[[nodiscard]] rule rule_of(const speaker_joint& j) noexcept;
/// A joint in words, naming both speakers and quoting it ("... there. | Was all ...").
[[nodiscard]] std::string describe(const speaker_joint& j);

/// Finds suspicious speaker changes in a stream of cues. The cues of a turn that follows a
/// change are held until the change is decided (the next change, the end of its first sentence
/// once it has two cues, or eight cues), so memory stays bounded. `found` may rewrite the held
/// cues (the repair does); `out`, when given, then receives every cue, in order.
class speaker_joints {
 public:
  using joint_handler = std::function<void(const speaker_joint&, std::vector<cue>& held)>;
  speaker_joints(joint_options options, joint_handler found, cue_handler out = {});
  void push(const cue& c);
  void finish();
  /// Whether a change is still undecided (cues held).
  [[nodiscard]] bool holding() const noexcept { return !held_.empty(); }

  /// What is kept of the last cue of a turn.
  struct tail {
    std::string speaker;
    std::string text;
    millis start = 0;
    millis end = 0;
  };

 private:
  void start_turn(const cue& c);
  void decide(const cue* next, bool closed);
  void release();

  joint_options options_;
  joint_handler found_;
  cue_handler out_;
  bool started_ = false;      ///< a cue was seen
  bool have_before_ = false;  ///< a turn ended before the current one
  tail before_;               ///< the last cue of the turn before the current one
  tail current_;              ///< the last cue of the current turn
  std::vector<cue> held_;     ///< the current turn's first cues, while its change is undecided
  bool skip_next_ = false;    ///< the next change ends a short interjection: not a T303
  bool skip_ = false;         ///< this change is such a one
};

/// `--repair-speakers`: moves the continuation of a sentence split between speakers (T303) to
/// the speaker who started it, up to the sentence end, and gives a short interjection (T304) to
/// the speaker around it. Each change is a diagnostic to `notes` (warning T303 or T304). Unsafe:
/// text moves between speakers, so it runs only when asked.
class speaker_repair {
 public:
  speaker_repair(joint_options options, cue_handler out, diagnostic_sink notes);
  void push(const cue& c) { joints_.push(c); }
  void finish() { joints_.finish(); }

 private:
  void repair(const speaker_joint& j, std::vector<cue>& held);
  diagnostic_sink notes_;
  speaker_joints joints_;
};

/// `vtt speakers --suspicious` as a table: line, time, rule, from, to, the joint.
[[nodiscard]] std::string suspicious_table(std::span<const speaker_joint> joints);
/// `vtt speakers --suspicious --json`: `{"suspicious": [{"rule", "name", "line", "time", "from",
/// "to", "before", "after"}]}`, time in seconds, `null` for no speaker.
[[nodiscard]] std::string suspicious_json(std::span<const speaker_joint> joints);

/// One row of `vtt speakers`.
struct speaker_stats {
  std::string speaker;  ///< "" for cues without a speaker
  std::size_t cues = 0;
  std::size_t turns = 0;
  std::size_t words = 0;
  millis talk_time = 0;  ///< sum of the cues' durations
};

/// Counts cues, turns, words and talk time per speaker.
class speaker_counter {
 public:
  void push(const cue& c);
  /// Rows, most talk time first (ties: first seen first).
  [[nodiscard]] std::vector<speaker_stats> result() const;

 private:
  std::vector<speaker_stats> rows_;                         ///< in first-seen order
  std::map<std::string, std::size_t, std::less<>> row_of_;  ///< speaker -> index in rows_
  std::size_t last_row_ = 0;                                ///< the previous cue's row
  bool any_ = false;
};

/// The `vtt speakers` report as a table: a header line, then one line per row with the
/// talk time as H:MM:SS and the share of the total talk time; "(none)" for no speaker.
[[nodiscard]] std::string speakers_table(std::span<const speaker_stats> rows);
/// The `vtt speakers --json` report: `{"speakers": [...]}`, one object per row, talk time in
/// seconds, share in percent, `null` for no speaker.
[[nodiscard]] std::string speakers_json(std::span<const speaker_stats> rows);

/// A linear change of times (docs/commands.md, `shift`, `scale`, `cut`): t' = factor·t + offset,
/// rounded to the nearest millisecond (halves away from zero).
struct retime_options {
  double factor = 1.0;  ///< greater than 0
  double offset = 0.0;  ///< in milliseconds, signed
  millis from = 0;      ///< only cues starting at or after this are changed (`shift --from`)
  bool ranged = false;  ///< `cut`: keep only cues overlapping [range_start, range_end), trimmed to it
  millis range_start = 0;
  millis range_end = 0;
  /// The time `t` maps to (also for `t` before `from`), kept within ±2^53.
  [[nodiscard]] millis map(millis t) const noexcept;
};

/// Changes the times of a cue in place: its start and end, and the inline timestamps
/// (`<00:00:01.500>`) of its payload. With a range, a cue outside it is dropped and the times
/// of one across an edge are trimmed to it (inline timestamps too) before the change. A cue that
/// then ends at or before 0 is dropped; one that starts before 0 starts at 0 (inline timestamps
/// before 0 become 0). Cues are changed one at a time, so it streams.
class retimer {
 public:
  explicit retimer(retime_options options) : options_(options) {}
  /// Rewrites `c`; false when the cue is dropped (outside the range, or ending at or before 0).
  bool apply(cue& c);
  /// Cues dropped because they ended at or before 0 (not those outside a range).
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
  /// The source line of the first of them.
  [[nodiscard]] std::size_t first_dropped_line() const noexcept { return first_dropped_line_; }
  /// Cues whose start was clipped to 0.
  [[nodiscard]] std::size_t clipped() const noexcept { return clipped_; }
  /// Cues kept, and cues outside the range (`cut`).
  [[nodiscard]] std::size_t kept() const noexcept { return kept_; }
  [[nodiscard]] std::size_t outside() const noexcept { return outside_; }
  /// The earliest start and the latest end of the cues given (before any change; 0 when none).
  [[nodiscard]] millis earliest() const noexcept { return seen_ ? earliest_ : 0; }
  [[nodiscard]] millis latest() const noexcept { return latest_; }
  [[nodiscard]] const retime_options& options() const noexcept { return options_; }

 private:
  bool transform(cue& c);
  void retime_payload(cue& c, bool trimmed, millis low, millis high, bool changed);

  retime_options options_;
  std::string scratch_;
  std::size_t dropped_ = 0;
  std::size_t first_dropped_line_ = 0;
  std::size_t clipped_ = 0;
  std::size_t kept_ = 0;
  std::size_t outside_ = 0;
  bool seen_ = false;
  millis earliest_ = 0;
  millis latest_ = 0;
};

/// Whole-document form of `retimer`: the cues kept, changed.
[[nodiscard]] std::vector<cue> retime(std::span<const cue> cues, retime_options options);

/// Options of `concat` (docs/commands.md).
struct concat_options {
  millis gap = 0;  ///< added between one input and the next
  /// When not empty: the length of each input but the last, so that input k starts at the sum
  /// of the first k lengths (plus k gaps); else input k starts where the output so far ends.
  std::vector<millis> durations{};
};

/// Something `concatenator` changed or left out, to tell the user.
struct concat_note {
  std::size_t input = 0;  ///< 0-based index of the input
  std::size_t line = 0;   ///< line in that input
  std::string message;
};

/// Joins inputs one after another (`vtt concat`): each input's cues are moved by its offset
/// (times and inline timestamps), ids that clash with an earlier input's are changed, and a
/// later input's header, STYLE and REGION blocks, which WebVTT allows only once before the
/// cues, are left out, with a note when they differ from the first input's. NOTE blocks pass.
/// Memory: the first input's STYLE and REGION blocks and the ids of earlier inputs that are not
/// numbers (numeric ids are renumbered by counting, without a table).
class concatenator {
 public:
  concatenator(concat_options options, cue_handler cues, std::function<void(const block&)> blocks,
               std::function<void(const concat_note&)> notes);
  /// Starts the next input, whose header is `h` (the first input's is the output's).
  void begin_input(const header& h);
  /// Rewrites `c` in place (times, id) and hands it on: a reader's cue goes through uncopied.
  void push(cue& c);
  /// The same for a cue that must stay as it is: copied first.
  void push(const cue& c);
  void push(const block& b);
  /// The offset of the current input's cues.
  [[nodiscard]] millis offset() const noexcept { return offset_; }

 private:
  void renumber(cue& c);

  concat_options options_;
  cue_handler cues_;
  std::function<void(const block&)> blocks_;
  std::function<void(const concat_note&)> notes_;
  std::optional<header> first_header_;
  std::vector<block> first_blocks_;       ///< STYLE and REGION of the first input
  std::vector<std::string> named_ids_;    ///< ids of earlier inputs that are not numbers, sorted
  std::vector<std::string> current_ids_;  ///< those of the current input
  std::size_t input_ = 0;                 ///< inputs begun
  millis offset_ = 0;
  millis end_ = 0;                     ///< the latest end written
  unsigned long long max_before_ = 0;  ///< the largest numeric id of earlier inputs
  unsigned long long max_id_ = 0;      ///< the largest numeric id written
  unsigned long long id_shift_ = 0;    ///< added to the current input's numeric ids
  bool shift_decided_ = false;
  retimer shifter_{{}};  ///< moves the current input's cues by `offset_`
  cue scratch_;
};

/// Whole-document forms of the streaming stages.
[[nodiscard]] std::vector<cue> merge(std::span<const cue> cues, merge_options options = {});
[[nodiscard]] std::vector<cue> stitch(std::span<const cue> cues, stitch_options options = {});

/// The payload a text-rewriting transform produces: `<v NAME>` (when there is a speaker) plus
/// the escaped plain text.
[[nodiscard]] std::string make_payload(std::string_view speaker, std::string_view plain);

}  // namespace vttkit
