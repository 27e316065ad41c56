// Speakers from prefixes in the cue text (`--speakers-from-prefix`): the shapes of a name, the
// deny list, the user's names and pattern, and the stage that decides one cue at a time with a
// bounded lookahead (docs/transcripts.md).
#include <algorithm>
#include <array>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

#include <vttkit/transform.hpp>

#include "text/ascii.hpp"
#include "text/cue_tag.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"
#include "transform/sentences.hpp"

namespace vttkit {
namespace {

using detail::space_length;

/// Labels written like a prefix that name no speaker: notes and call-outs, question and answer
/// marks, song parts, e-mail headers, URL schemes. Lower case; compared with the collapsed label.
constexpr std::array<std::string_view, 66> deny_list = {
    "a",        "answer",     "attention",  "bcc",      "bonus",   "bridge",      "caution",    "cc",
    "chorus",   "correction", "credit",     "credits",  "data",    "date",        "disclaimer", "e.g.",
    "edit",     "error",      "example",    "examples", "fact",    "file",        "fixme",      "from",
    "ftp",      "fwd",        "hint",       "hook",     "http",    "https",       "i.e.",       "important",
    "info",     "intro",      "location",   "mailto",   "n.b.",    "nb",          "note",       "notes",
    "outro",    "p.s.",       "pre-chorus", "ps",       "q",       "question",    "re",         "refrain",
    "reminder", "result",     "source",     "sources",  "spoiler", "subject",     "summary",    "tel",
    "time",     "tip",        "tl;dr",      "to",       "todo",    "translation", "update",     "verse",
    "warning",  "www"};

constexpr std::size_t longest_denied = std::max_element(deny_list.begin(), deny_list.end(),
                                                        [](auto a, auto b) { return a.size() < b.size(); }) -> size();

bool is_denied(std::string_view key) noexcept {
  if (key.size() > longest_denied) return false;  // most names: no search
  return std::find(deny_list.begin(), deny_list.end(), key) != deny_list.end();
}

/// `text` without white space at either end.
std::string_view trim_space(std::string_view text) noexcept {
  std::size_t begin = 0;
  for (std::size_t n = 0; begin < text.size() && (n = space_length(text, begin)) != 0;) begin += n;
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && detail::is_continuation_byte(text[start])) --start;
    if (space_length(text, start) == 0) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

/// `text` from `i` on past white space.
std::size_t skip_space(std::string_view text, std::size_t i) noexcept {
  for (std::size_t n = 0; i < text.size() && (n = space_length(text, i)) != 0;) i += n;
  return i;
}

/// `text` from `i` on past spaces and tabs (white space that stays on the line).
std::size_t skip_blanks(std::string_view text, std::size_t i) noexcept {
  while (i < text.size() && detail::is_blank(text[i])) ++i;
  return i;
}

/// The lower-case key of a label: words joined by single spaces, ASCII letters lowered.
std::string key_of(std::string_view label) {
  std::string key;
  detail::append_words(key, label);
  detail::lower_in_place(key);
  return key;
}

/// Whether a code point beyond ASCII may be part of a name: letters and marks of any script,
/// taken as every code point from U+00C0 that is not white space, U+00D7, U+00F7, general
/// punctuation (but for the apostrophe U+2019), CJK punctuation, fullwidth ASCII punctuation
/// or U+FFFD.
constexpr bool is_name_code_point(char32_t cp) noexcept {
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD || detail::is_unicode_space(cp)) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return cp == 0x2019;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;
  return true;
}

/// Whether `text` is a clock time: `M:SS`, `H:MM:SS`, with an optional fraction.
bool is_clock(std::string_view text) noexcept {
  std::size_t i = 0;
  std::size_t fields = 0;
  for (;;) {
    const std::size_t begin = i;
    while (i < text.size() && detail::is_digit(text[i])) ++i;
    if (i == begin || i - begin > 2) return false;
    ++fields;
    if (i == text.size() || text[i] != ':') break;
    ++i;
  }
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    const std::size_t begin = ++i;
    while (i < text.size() && detail::is_digit(text[i])) ++i;
    if (i == begin) return false;
  }
  return i == text.size() && fields >= 2 && fields <= 3;
}

/// The shape of a name found by `scan_name`.
struct name_shape {
  std::size_t end = 0;  ///< after its last word; 0 when there is no name
  std::size_t words = 0;
  bool lower = false;  ///< has a lower-case letter
  bool upper = false;  ///< has a capital
  bool title = true;   ///< no word starts with a lower-case letter
};

/// Whether the word at `text[i]` is a clock time (`0:03` after `Speaker 1`): it ends the name.
bool clock_word(std::string_view text, std::size_t i) noexcept {
  std::size_t end = i;
  while (end < text.size() && !detail::is_blank(text[end]) && text[end] != '\n') ++end;
  return is_clock(text.substr(i, end - i));
}

/// One to four words of letters (any script), digits and `.` `'` `’` `-` `_`, separated by
/// spaces or tabs, starting with a letter that is not lower case. `_` only where `underscore`.
name_shape scan_name(std::string_view text, std::size_t i, bool underscore) {
  constexpr std::size_t most_words = 4;
  name_shape shape;
  std::size_t word_end = i;
  while (shape.words < most_words) {
    const std::size_t begin = i;
    if (i < text.size() && detail::is_digit(text[i]) && clock_word(text, i)) break;
    while (i < text.size()) {
      const char c = text[i];
      if (detail::is_alnum(c) || c == '.' || c == '\'' || c == '-' || (underscore && c == '_')) {
        if (i == begin && shape.words == 0 && !detail::is_upper(c)) return {};
        shape.title = shape.title && !(i == begin && detail::is_lower(c));
        shape.lower = shape.lower || detail::is_lower(c);
        shape.upper = shape.upper || detail::is_upper(c);
        ++i;
        continue;
      }
      std::size_t next = i;
      const char32_t cp = detail::next_code_point(text, next);
      if (!is_name_code_point(cp) || (i == begin && shape.words == 0 && cp == 0x2019)) break;
      const bool lower = detail::is_lowercase(cp);
      if (i == begin && shape.words == 0 && lower) return {};
      shape.title = shape.title && !(i == begin && lower);
      shape.lower = shape.lower || lower;
      shape.upper = shape.upper || detail::fold_case(cp) != cp;
      i = next;
    }
    if (i == begin) break;
    ++shape.words;
    word_end = i;
    i = skip_blanks(text, i);
  }
  if (shape.words == 0) return {};
  shape.end = word_end;
  return shape;
}

/// After `(` at `text[i]`: the index after the matching `)` on the same line, 0 when there is
/// none or it holds more than 40 bytes; `time` says whether it holds a clock time.
std::size_t scan_parenthesis(std::string_view text, std::size_t i, bool& time) noexcept {
  constexpr std::size_t longest = 40;
  if (i >= text.size() || text[i] != '(') return 0;
  const std::size_t close = text.find_first_of(")(\n", i + 1);
  if (close == std::string_view::npos || text[close] != ')' || close == i + 1 || close - i > longest) return 0;
  const std::string_view inside = text.substr(i + 1, close - i - 1);
  time = is_clock(inside);
  if (!time && inside.find(':') != std::string_view::npos) return 0;
  return close + 1;
}

/// After the colon that ends a label at `text[i]`: `:` followed by white space or the end of
/// the text ("JOE:Hello", "HTTP://" and "10:30" are no prefixes), or the fullwidth `：` of CJK
/// text; the white space after it is skipped too. 0 when there is no such colon.
std::size_t after_colon(std::string_view text, std::size_t i) noexcept {
  if (text.substr(i).starts_with("\uFF1A")) return skip_space(text, i + 3);
  if (i >= text.size() || text[i] != ':') return 0;
  if (i + 1 < text.size() && space_length(text, i + 1) == 0) return 0;
  return skip_space(text, i + 1);
}

/// A prefix found at the start of a cue's text.
struct prefix_found {
  std::size_t length = 0;  ///< bytes to remove: 0 when there is no prefix
  std::string name;        ///< collapsed
  bool strong = false;     ///< taken at once; else a mixed-case name, taken when confirmed
  bool change = false;     ///< `>>` without a name: a new, unnamed speaker
  bool title = false;      ///< a mixed-case name whose words all start with a capital or digit
  bool sparse = false;     ///< a label of subtitles for the deaf: only some cues carry one
};

/// `>> NAME: ` (any name of up to five words on the line) or `>>` alone, at `text[i]`.
prefix_found match_chevrons(std::string_view text, std::size_t i) {
  constexpr std::size_t most_words = 5;
  std::size_t begin = i + 2;
  while (begin < text.size() && text[begin] == '>') ++begin;  // `>>>`: a new story, a new speaker too
  prefix_found found;
  found.change = true;
  const std::size_t line_end = std::min(text.find('\n', begin), text.size());
  const std::size_t colon = text.find(':', begin);
  if (colon >= line_end) return found;
  const std::string_view name = trim_space(text.substr(begin, colon - begin));
  const std::size_t words = detail::count_words(name);
  const std::size_t end = after_colon(text, colon);
  if (words == 0 || words > most_words || end == 0) return found;
  detail::append_words(found.name, name);
  return {end, std::move(found.name), true, false};
}

/// `[NAME]: ` at `text[i]`, as diarizing speech-to-text tools write it (`[SPEAKER_01]: `), or
/// `[Name] ` before the words, as subtitles for the deaf and hard of hearing label a speaker
/// (`[Alba] Hi.`) where it is not clear from the picture: taken at once unless it is a sound
/// (`[Music] la la`), and `sparse`.
prefix_found match_brackets(std::string_view text, std::size_t i) {
  const name_shape shape = scan_name(text, i + 1, true);
  if (shape.end == 0 || shape.end >= text.size() || text[shape.end] != ']') return {};
  const std::string_view inside = text.substr(i + 1, shape.end - i - 1);
  prefix_found found{after_colon(text, shape.end + 1), {}, true, false};
  if (found.length == 0) {
    const std::size_t words = skip_space(text, shape.end + 1);
    const std::size_t line_end = std::min(text.find('\n', shape.end), text.size());
    if (words == shape.end + 1 || words >= line_end || !detail::is_bracket_label(inside)) return {};
    found = {words, {}, true, false, true, true};
  }
  detail::append_words(found.name, inside);
  return found;
}

/// `NAME: `, `NAME (ROLE): `, `NAME (0:03): `, `NAME: (0:03) ` or a first line `NAME  0:03`
/// at `text[i]`.
prefix_found match_name(std::string_view text, std::size_t i) {
  constexpr std::size_t most_capital_words = 3;
  const name_shape shape = scan_name(text, i, false);
  if (shape.end == 0) return {};
  std::size_t name_end = shape.end;
  std::size_t j = skip_blanks(text, shape.end);
  bool time = false;
  if (const std::size_t close = scan_parenthesis(text, j, time); close != 0) {
    if (!time) name_end = close;
    j = close;
  }
  std::size_t end = after_colon(text, j);
  if (end != 0) {
    bool after_time = false;
    const std::size_t close = scan_parenthesis(text, end, after_time);
    if (close != 0 && after_time) {
      time = true;
      end = skip_space(text, close);
    }
  } else {
    // A line of its own: the name and the time it starts speaking (`Speaker 1  0:03`).
    const std::size_t line_end = text.find('\n', j);
    if (j == shape.end || line_end == std::string_view::npos || !is_clock(trim_space(text.substr(j, line_end - j))))
      return {};
    time = true;
    end = skip_space(text, line_end);
  }
  prefix_found found{end, {}, false, false};
  detail::append_words(found.name, text.substr(i, name_end - i));
  found.strong = time || (shape.upper && !shape.lower && shape.words <= most_capital_words);
  found.title = shape.title;
  return found;
}

/// The prefix of `text`, by its shape alone.
prefix_found match_shape(std::string_view text) {
  const std::size_t i = skip_space(text, 0);
  if (text.substr(i).starts_with(">>")) return match_chevrons(text, i);
  if (i < text.size() && text[i] == '[') return match_brackets(text, i);
  return match_name(text, i);
}

/// Zoom's cue id `1 "NAME" (1063281152)`: the name, or "" when the id has another form.
std::string_view zoom_id_name(std::string_view id) noexcept {
  std::size_t i = 0;
  while (i < id.size() && detail::is_digit(id[i])) ++i;
  if (i == 0 || id.substr(i, 2) != " \"") return {};
  const std::size_t close = id.find('"', i + 2);
  if (close == std::string_view::npos || close == i + 2) return {};
  std::string_view rest = id.substr(close + 1);
  if (!rest.empty()) {
    if (!rest.starts_with(" (") || !rest.ends_with(")") || rest.size() < 4) return {};
    rest = rest.substr(2, rest.size() - 3);
    if (!std::all_of(rest.begin(), rest.end(), [](char c) { return detail::is_digit(c); })) return {};
  }
  return id.substr(i + 2, close - i - 2);
}

/// Bytes of `text` at its start that spell `key` (a collapsed, lower-case label) in any case
/// and spacing, 0 when they do not.
std::size_t spelled_length(std::string_view text, std::string_view key) noexcept {
  std::size_t i = 0;
  for (std::size_t k = 0; k < key.size(); ++k) {
    if (key[k] == ' ') {
      if (i >= text.size() || !detail::is_blank(text[i])) return 0;
      i = skip_blanks(text, i);
    } else {
      if (i >= text.size() || detail::to_lower(text[i]) != key[k]) return 0;
      ++i;
    }
  }
  return i;
}

/// The prefix of cue `c`, or of its id (Zoom), from the user's rules first, then by shape;
/// labels of the deny list are no prefixes unless the user named them.
prefix_found find_prefix(const cue& c, const prefix_rules& rules) {
  prefix_found found;
  if (const std::string_view zoom = zoom_id_name(c.id); !zoom.empty()) {
    detail::append_words(found.name, zoom);
    const prefix_found also = match_shape(c.text);  // the same name in the text too
    if (also.length != 0 && key_of(also.name) == key_of(found.name)) found.length = also.length;
    found.strong = true;
    return found;
  }
  if ((found.length = rules.match_pattern(c.text, found.name)) != 0 ||
      (found.length = rules.match_listed(c.text, found.name)) != 0) {
    found.strong = true;
    return found;
  }
  found = match_shape(c.text);
  if (found.length != 0 && found.name.size() <= longest_denied && is_denied(key_of(found.name))) return {};
  return found;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// prefix_rules
// ---------------------------------------------------------------------------------------------

struct prefix_rules::compiled {
  std::regex pattern;
};

prefix_rules::prefix_rules() = default;
prefix_rules::~prefix_rules() = default;
prefix_rules::prefix_rules(prefix_rules&&) noexcept = default;
prefix_rules& prefix_rules::operator=(prefix_rules&&) noexcept = default;
prefix_rules::prefix_rules(const prefix_rules& other)
    : names_(other.names_), pattern_(other.pattern_ ? std::make_unique<compiled>(*other.pattern_) : nullptr) {}
prefix_rules& prefix_rules::operator=(const prefix_rules& other) {
  if (this != &other) *this = prefix_rules(other);
  return *this;
}

bool prefix_rules::add_names(std::string_view comma_separated) {
  std::vector<std::string> keys;
  for (;;) {
    const std::size_t comma = comma_separated.find(',');
    std::string key = key_of(comma_separated.substr(0, comma));
    if (key.empty()) return false;
    keys.push_back(std::move(key));
    if (comma == std::string_view::npos) break;
    comma_separated.remove_prefix(comma + 1);
  }
  for (auto& key : keys) {
    if (std::find(names_.begin(), names_.end(), key) == names_.end()) names_.push_back(std::move(key));
  }
  return true;
}

bool prefix_rules::set_pattern(std::string_view regex, std::string& error) {
  try {
    auto made = std::make_unique<compiled>();
    made->pattern = std::regex(regex.begin(), regex.end(), std::regex::ECMAScript);
    pattern_ = std::move(made);
    return true;
  } catch (const std::regex_error& e) {
    error = e.what();
    return false;
  }
}

std::size_t prefix_rules::match_listed(std::string_view text, std::string& name) const {
  const std::size_t i = skip_space(text, 0);
  for (const std::string& key : names_) {
    const std::size_t length = spelled_length(text.substr(i), key);
    if (length == 0) continue;
    const std::size_t end = after_colon(text, skip_blanks(text, i + length));
    if (end == 0) continue;
    name.clear();
    detail::append_words(name, text.substr(i, length));
    return end;
  }
  return 0;
}

std::size_t prefix_rules::match_pattern(std::string_view text, std::string& name) const {
  if (!pattern_) return 0;
  // std::regex matches by recursion, one level per character a pattern like "^([^:]+):" walks:
  // a long cue overflowed the stack. A speaker prefix lies within the first few words.
  text = text.substr(0, std::min(text.size(), pattern_input));
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(text.begin(), text.end(), match, pattern_->pattern, std::regex_constants::match_continuous) ||
      match.length(0) == 0)
    return 0;
  std::string_view found = trim_space(text.substr(0, static_cast<std::size_t>(match.length(0))));
  if (match.size() > 1 && match[1].matched) {
    found = trim_space(
        text.substr(static_cast<std::size_t>(match.position(1)), static_cast<std::size_t>(match.length(1))));
  } else if (found.ends_with(':')) {
    found = trim_space(found.substr(0, found.size() - 1));
  }
  if (found.empty()) return 0;
  name.clear();
  detail::append_words(name, found);
  return skip_space(text, static_cast<std::size_t>(match.length(0)));
}

// ---------------------------------------------------------------------------------------------
// prefix_speakers
// ---------------------------------------------------------------------------------------------

prefix_speakers::prefix_speakers(mutable_cue_handler out, prefix_rules rules, std::size_t lookahead)
    : out_(std::move(out)), rules_(std::move(rules)), lookahead_(lookahead) {}

bool prefix_speakers::accepted(std::string_view key) const {
  return std::find(accepted_.begin(), accepted_.end(), key) != accepted_.end();
}

void prefix_speakers::accept(const std::string& key) {
  constexpr std::size_t most_names = 4096;  // bounds memory; the input is well established by then
  if (accepted_.size() < most_names && !accepted(key)) accepted_.push_back(key);
}

void prefix_speakers::classify(const cue& c, held& h) {
  h.what = kind::none;
  h.length = 0;
  h.name.clear();
  h.key.clear();
  h.index = pushed_;
  if (!c.speaker.empty() || detail::find_voice_tag(c.payload).found()) {
    h.what = kind::voiced;
    last_key_.clear();
    return;
  }
  prefix_found found = find_prefix(c, rules_);
  if (found.name.empty()) {
    h.what = found.change ? kind::change : kind::none;
    h.every_cue = every_cue_;
    last_key_.clear();
    return;
  }
  h.length = found.length;
  h.name = std::move(found.name);
  h.key.assign(h.name);  // collapsed already
  detail::lower_in_place(h.key);
  // A label on two consecutive cues: the input labels every cue, and confirms the name.
  const bool repeated = h.key == last_key_;
  every_cue_ = every_cue_ || repeated;
  last_key_ = h.key;
  h.title = found.title;
  h.sparse = found.sparse;
  bool confirmed = found.strong || repeated || accepted(h.key) || (h.title && established());
  for (held& other : held_) {  // a second use confirms the name for the cues held with it too
    if (other.what == kind::pending && other.key == h.key) {
      other.what = kind::named;
      confirmed = true;
    }
  }
  if (confirmed && !h.sparse) accept(h.key);  // a label of a few cues does not establish names
  h.what = confirmed ? kind::named : kind::pending;
  h.every_cue = every_cue_;
}

void prefix_speakers::push(cue& c) {
  classify(c, scratch_);
  ++pushed_;
  if (held_.empty() && scratch_.what != kind::pending) {
    emit(c, scratch_);
    return;
  }
  held_.push_back(scratch_);
  held_.back().c = c;
  release(false);
}

void prefix_speakers::finish() { release(true); }

void prefix_speakers::release(bool all) {
  while (!held_.empty()) {
    held& front = held_.front();
    if (front.what == kind::pending) {
      if (accepted(front.key) || (front.title && established())) {
        front.what = kind::named;
      } else if (all || pushed_ - front.index > lookahead_) {
        front.what = kind::none;  // seen once: text, not a name
      } else {
        break;
      }
    }
    emit(front.c, front);
    held_.pop_front();
  }
}

void prefix_speakers::emit(cue& c, const held& h) {
  switch (h.what) {
    case kind::voiced: last_ = c.speaker; break;
    case kind::change: last_.clear(); break;
    case kind::named:
      c.text.erase(0, h.length);
      c.speaker = h.name;
      detail::assign_payload(c.payload, c.speaker, c.text);
      last_ = h.sparse ? std::string{} : h.name;  // the next unlabelled cue may be anyone's
      break;
    case kind::none:
    case kind::pending:
      if (h.every_cue) last_.clear();  // an unlabelled cue in a labelled input: speaker unknown
      if (last_.empty()) break;
      c.speaker = last_;
      detail::assign_payload(c.payload, c.speaker, c.text);
      break;
  }
  out_(c);
}

// ---------------------------------------------------------------------------------------------
// prefix_census
// ---------------------------------------------------------------------------------------------

void prefix_census::push(const cue& c) {
  constexpr std::size_t most_seen = 16;
  if (voiced_) return;
  if (!c.speaker.empty() || detail::find_voice_tag(c.payload).found()) {
    voiced_ = true;
    return;
  }
  static const prefix_rules no_rules;
  const prefix_found found = find_prefix(c, no_rules);
  if (found.name.empty()) return;
  std::string key = key_of(found.name);
  if (!found.strong && std::find(confirmed_.begin(), confirmed_.end(), key) == confirmed_.end()) {
    const auto seen = std::find(seen_.begin(), seen_.end(), key);
    if (seen == seen_.end()) {
      if (seen_.size() < most_seen) seen_.push_back(std::move(key));
      return;
    }
    seen_.erase(seen);  // its second use: both cues count, as the prefix step takes both
    if (confirmed_.size() < most_seen) confirmed_.push_back(std::move(key));
    ++named_;
  }
  if (example_.empty()) {  // as written ("Andrew Knight:", "[Alba]"), or the name of a Zoom id
    example_ = found.length != 0 ? std::string(trim_space(std::string_view(c.text).substr(0, found.length)))
                                 : found.name;
  }
  ++named_;
}

}  // namespace vttkit
