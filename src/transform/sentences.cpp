// Private text helpers of the transcript transforms: white space, words, sentence ends, payloads.
#include "transform/sentences.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <vttkit/cue_text.hpp>

#include "text/ascii.hpp"
#include "text/scan.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

constexpr unsigned char byte_at(std::string_view text, std::size_t i) noexcept {
  return static_cast<unsigned char>(text[i]);
}

/// Whether `text[i...]` starts with the bytes of `seq`.
constexpr bool has_at(std::string_view text, std::size_t i, std::string_view seq) noexcept {
  if (text.size() - i < seq.size()) return false;
  for (std::size_t k = 0; k < seq.size(); ++k)  // 2-3 bytes: no memcmp call
    if (text[i + k] != seq[k]) return false;
  return true;
}

/// The sentence-ending marks beyond ASCII. `unspaced`: the full stops of scripts written
/// without spaces (CJK), which end a sentence with no space after them.
struct mark {
  std::string_view bytes;
  bool unspaced;
};

constexpr mark other_marks[] = {
    {"\u2026", false},  // … ellipsis
    {"\u3002", true},   // 。 ideographic full stop
    {"\uFF01", true},   // ！ fullwidth exclamation mark
    {"\uFF1F", true},   // ？ fullwidth question mark
    {"\uFF0E", true},   // ． fullwidth full stop
    {"\u0964", false},  // । Devanagari danda
    {"\u0965", false},  // ॥ Devanagari double danda
    {"\u061F", false},  // ؟ Arabic question mark
    {"\u06D4", false},  // ۔ Arabic full stop (Urdu)
    {"\u0589", false},  // ։ Armenian full stop
    {"\u1362", false},  // ። Ethiopic full stop
    {"\u1367", false},  // ፧ Ethiopic question mark
};

/// Bytes of the sentence-ending mark at `text[i]`, or 0; `unspaced` is set when it is one
/// that needs no space after it.
std::size_t terminator_length(std::string_view text, std::size_t i, bool* unspaced = nullptr) noexcept {
  const char c = text[i];
  if (c == '.' || c == '?' || c == '!') return 1;
  if (static_cast<unsigned char>(c) < 0xD6) return 0;  // ASCII or a lead byte no mark has
  for (const mark& m : other_marks) {
    if (has_at(text, i, m.bytes)) {
      if (unspaced != nullptr) *unspaced = m.unspaced;
      return m.bytes.size();
    }
  }
  return 0;
}

/// Closing quotes and brackets that may follow a sentence-ending mark.
std::size_t closer_length(std::string_view text, std::size_t i) noexcept {
  switch (text[i]) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}': return 1;
    case '\xC2':
    case '\xE2':
    case '\xE3':
    case '\xEF': break;  // the first byte of each quote below
    default: return 0;
  }
  for (const std::string_view q : {"\u201D", "\u2019", "\u203A", "\u300D", "\u300F", "\uFF09", "\u3011"}) {
    if (has_at(text, i, q)) return 3;  // ” ’ › 」 』 ） 】
  }
  return has_at(text, i, "\u00BB") ? 2 : 0;
}

/// Opening quotes, brackets and inverted marks that may come before a sentence's first letter.
std::size_t opener_length(std::string_view text, std::size_t i) noexcept {
  switch (text[i]) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{': return 1;
    case '\xC2':
    case '\xE2': break;  // the first byte of each quote or mark below
    default: return 0;
  }
  if (has_at(text, i, "\u201C") || has_at(text, i, "\u2018") || has_at(text, i, "\u2039")) return 3;
  return has_at(text, i, "\u00AB") || has_at(text, i, "\u00BF") || has_at(text, i, "\u00A1") ? 2 : 0;
}

/// An abbreviation that a lone `.` does not end a sentence after.
struct abbreviation {
  std::string_view word;  ///< lower case
  /// False for words that are also ordinary lower-case words or units ("sales rep.", "5 ms."):
  /// those count only in title case or capitals.
  bool any_case;
};

constexpr abbreviation abbreviations[] = {
    {"approx", true}, {"capt", false}, {"cf", true},   {"co", false},  {"col", false}, {"corp", false}, {"dept", false},
    {"dr", true},     {"etc", true},   {"gen", false}, {"gov", false}, {"inc", false}, {"jr", true},    {"lt", false},
    {"ltd", false},   {"mr", true},    {"mrs", true},  {"ms", false},  {"mt", false},  {"mx", false},   {"prof", false},
    {"rep", false},   {"rev", false},  {"sen", false}, {"sgt", false}, {"sr", true},   {"st", true},    {"vs", true},
};

/// Whether `token` spells the lower-case `word`: in any case, or only as `Word` or `WORD`.
bool spells(std::string_view token, std::string_view word, bool any_case) noexcept {
  if (token.size() != word.size()) return false;
  bool rest_upper = true;
  bool rest_lower = true;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (to_lower(token[i]) != word[i]) return false;
    if (i > 0) {
      rest_upper = rest_upper && is_upper(token[i]);
      rest_lower = rest_lower && is_lower(token[i]);
    }
  }
  return any_case || (is_upper(token[0]) && (rest_upper || rest_lower));
}

/// Letters with dots between them, one or two letters each: `U.S`, `e.g`, `a.m`, `Ph.D`.
bool is_dotted(std::string_view token) noexcept {
  std::size_t segments = 0;
  std::size_t letters = 0;
  for (const char c : token) {
    if (c == '.') {
      if (letters == 0) return false;
      ++segments;
      letters = 0;
    } else if (is_alpha(c) && letters < 2) {
      ++letters;
    } else {
      return false;
    }
  }
  return segments >= 1 && letters > 0;
}

/// The word that ends just before `end` (the text before it up to a space), with opening
/// quotes and brackets removed.
std::string_view word_before(std::string_view text, std::size_t end) noexcept {
  // Abbreviations are short: looking further back than this only costs time.
  constexpr std::size_t longest = 16;
  std::size_t begin = end;
  while (begin > 0 && text[begin - 1] != ' ') {
    if (end - begin > longest) return {};
    --begin;
  }
  while (begin < end) {
    const std::size_t n = opener_length(text, begin);
    if (n == 0) break;
    begin += n;
  }
  return text.substr(begin, end - begin);
}

/// Whether a lone `.` at `dot`, followed by a space and the word at `next`, ends an
/// abbreviation, an initial or `No.` before a number rather than a sentence.
bool is_abbreviation(std::string_view text, std::size_t dot, std::size_t next) noexcept {
  const std::string_view token = word_before(text, dot);
  if (token.empty()) return false;
  const std::string_view after = text.substr(next);
  if (token.size() == 1 && is_upper(token[0])) {
    // "J. R. R. Tolkien". The pronoun "I." ends sentences far more often than it is an initial,
    // so it counts as one only when another initial follows ("I. M. Pei").
    return token != "I" || (after.size() >= 2 && is_upper(after[0]) && after[1] == '.');
  }
  if (is_dotted(token)) return true;
  // Spanish plural initials, a doubled capital before another: "EE. UU." (Estados Unidos).
  if (token.size() == 2 && is_upper(token[0]) && token[0] == token[1])
    return after.size() >= 3 && is_upper(after[0]) && after[0] == after[1] && after[2] == '.';
  if (spells(token, "no", false)) return !after.empty() && is_digit(after[0]);
  if (token == "al") {
    const std::size_t token_begin = dot - token.size();
    return token_begin >= 1 && word_before(text, token_begin - 1) == "et";
  }
  for (const abbreviation& a : abbreviations) {
    if (spells(token, a.word, a.any_case)) return true;
  }
  return false;
}

/// Bytes that never begin white space: everything but ASCII white space and controls and the
/// lead bytes of the non-ASCII spaces (0xC2, 0xE1, 0xE2, 0xE3).
constexpr auto never_space = [] {
  std::array<bool, 256> table{};
  for (std::size_t c = 0x21; c < 0x100; ++c) table[c] = true;
  for (const std::size_t c : {0xC2, 0xE1, 0xE2, 0xE3}) table[c] = false;
  return table;
}();

/// The end of the word starting at `i`: the next white space or the end of the text. One tight
/// loop per word rather than a branch per byte on what the byte is.
std::size_t skip_word(std::string_view text, std::size_t i) noexcept {
  for (;;) {
    while (i < text.size() && never_space[byte_at(text, i)]) ++i;
    if (i == text.size() || space_length(text, i) != 0) return i;
    ++i;  // a control character or a non-ASCII character that is not a space
  }
}

/// The end of the white space starting at `i`.
std::size_t skip_space(std::string_view text, std::size_t i) noexcept {
  for (std::size_t n = 0; i < text.size() && (n = space_length(text, i)) != 0;) i += n;
  return i;
}

/// Bytes of a space that joins two words at `text[i]`, 0 when there is none: no-break U+00A0,
/// figure U+2007, thin U+2009, narrow no-break U+202F ("10 km", "5 000"). Merge and stitch
/// keep them as they are between two words, where a line must not break.
std::size_t joining_space_length(std::string_view text, std::size_t i) noexcept {
  const unsigned char c = byte_at(text, i);
  if (c == 0xC2) return has_at(text, i, "\u00A0") ? 2 : 0;
  if (c != 0xE2) return 0;
  return has_at(text, i, "\u2007") || has_at(text, i, "\u2009") || has_at(text, i, "\u202F") ? 3 : 0;
}

/// The end of the word at `i`, joining spaces between two of its parts included.
std::size_t skip_joined_word(std::string_view text, std::size_t i) noexcept {
  for (;;) {
    i = skip_word(text, i);
    std::size_t j = i;
    for (std::size_t n = 0; j < text.size() && (n = joining_space_length(text, j)) != 0;) j += n;
    if (j == i || j == text.size() || space_length(text, j) != 0) return i;
    i = j;
  }
}

/// The separator `append_words` puts between `out` and `next` (neither empty); `first`: at
/// the boundary between `out` and the text appended; `spaced`: inside it, at spaces (no line
/// break).
std::string_view separator(std::string_view out, std::string_view next, word_joints joints, bool first,
                           bool spaced) noexcept {
  if (joints == word_joints::fragments) return fragment_separator(out, next, !first && spaced);
  if (!first || byte_at(out, out.size() - 1) < 0x80 || byte_at(next, 0) < 0x80) return " ";
  std::size_t last = out.size() - 1;
  while (last > 0 && is_continuation_byte(out[last])) --last;
  return is_unspaced_script(decode_at(out, last)) && is_unspaced_script(decode_at(next, 0)) ? "" : " ";
}

}  // namespace

std::size_t count_words(std::string_view text) noexcept {
  std::size_t words = 0;
  for (std::size_t i = skip_space(text, 0); i < text.size(); i = skip_space(text, skip_word(text, i))) ++words;
  return words;
}

namespace {

/// CJK punctuation: the symbols block and the full-width ASCII punctuation.
constexpr bool is_cjk_punctuation(char32_t cp) noexcept {
  return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

/// Reading words in one run of non-space characters: one per character of a script written
/// without spaces, none for CJK punctuation, one per stretch of anything else.
std::size_t reading_words_in(std::string_view word) noexcept {
  std::size_t words = 0;
  bool in_other = false;
  for (std::size_t i = 0; i < word.size();) {
    const char32_t cp = decode_at(word, i);
    std::size_t n = 1;
    while (i + n < word.size() && is_continuation_byte(word[i + n])) ++n;
    i += n;
    const bool unspaced = is_unspaced_script(cp);
    if (unspaced && !is_cjk_punctuation(cp)) ++words;
    if (!unspaced && !in_other) ++words;
    in_other = !unspaced;
  }
  return words;
}

}  // namespace

std::size_t count_reading_words(std::string_view text) noexcept {
  std::size_t words = 0;
  for (std::size_t i = skip_space(text, 0); i < text.size();) {
    const std::size_t end = skip_word(text, i);
    bool cjk = false;  // every character of those scripts has a lead byte of 0xE3 or more
    for (std::size_t k = i; k < end && !cjk; ++k) cjk = byte_at(text, k) >= 0xE3;
    words += cjk ? reading_words_in(text.substr(i, end - i)) : 1;
    i = skip_space(text, end);
  }
  return words;
}

std::size_t words_length(std::string_view text) noexcept {
  std::size_t chars = 0;
  std::size_t last_end = 0;  // the end of the last word counted
  for (std::size_t i = skip_space(text, 0); i < text.size();) {
    const std::size_t end = skip_joined_word(text, i);
    const bool spaced = text.substr(last_end, i - last_end).find('\n') == std::string_view::npos;
    if (chars != 0) chars += fragment_separator(text.substr(0, last_end), text.substr(i), spaced).empty() ? 0 : 1;
    chars += count_code_points(text.substr(i, end - i));
    last_end = end;
    i = skip_space(text, end);
  }
  return chars;
}

std::size_t append_words(std::string& out, std::string_view text, word_joints joints) {
  const std::size_t before = out.size();
  if (is_single_spaced_ascii(text)) {  // the usual cue text: nothing to collapse
    if (!out.empty()) out += ' ';
    out.append(text);
    return out.size() - before;
  }
  const std::size_t first = skip_space(text, 0);
  std::size_t last_end = 0;  // the end of the block before
  for (std::size_t i = first; i < text.size();) {
    // Words already separated by single spaces (the usual cue text) are copied as one block;
    // a space with a character of 0x80 or more on both sides is replaced by the separator
    // `fragment_separator` gives ("はい そうです" has the pause U+3000 of "はい" + "そうです";
    // "はい\nそうです", a line break, nothing).
    const std::size_t block = i;
    std::size_t end = skip_joined_word(text, i);
    while (end + 1 < text.size() && text[end] == ' ' && space_length(text, end + 1) == 0 &&
           (joints == word_joints::spaces || byte_at(text, end - 1) < 0x80 || byte_at(text, end + 1) < 0x80)) {
      end = skip_joined_word(text, end + 1);
    }
    if (!out.empty()) {
      const bool spaced = text.substr(last_end, block - last_end).find('\n') == std::string_view::npos;
      out += separator(out, text.substr(block), joints, block == first, spaced);
    }
    out.append(text, block, end - block);
    last_end = end;
    i = skip_space(text, end);
  }
  return out.size() - before;
}

void assign_payload(std::string& out, std::string_view speaker, std::string_view plain) {
  out.clear();
  if (!speaker.empty()) {
    out += "<v ";
    append_escaped_cue_text(out, speaker);
    if (speaker.back() == '-') out += ' ';  // "<v A-->" would be an arrow: a new cue in WebVTT
    out += '>';
  }
  append_escaped_cue_text(out, plain);
}

std::size_t sound_tag_end(std::string_view text, std::size_t at) noexcept {
  constexpr std::size_t longest = 48;  // "[indistinct chatter in the background]"
  if (at >= text.size() || (text[at] != '[' && text[at] != '(')) return 0;
  const char closer = text[at] == '[' ? ']' : ')';
  for (std::size_t i = at + 1; i < text.size() && i - at <= longest; ++i) {
    const char c = text[i];
    if (c == closer) {
      if (i == at + 1) return 0;  // "[]"
      if (i + 1 == text.size()) return i + 1;
      if (text[i + 1] != ' ') return 0;
      const bool label = closer == ']' && i + 2 < text.size() && is_bracket_label(text.substr(at + 1, i - at - 1));
      return label ? 0 : i + 1;  // "[Alba] Hi." is a speaker's label, not a sound
    }
    if (c == '[' || c == '(' || c == ']' || c == ')' || terminator_length(text, i) != 0) return 0;
  }
  return text.size() - at <= longest ? sound_tag_unfinished : 0;
}

namespace {

/// Words of sound tags that are written like names ("[Music]", "[APPLAUSE]", "[Música]"):
/// YouTube's automatic captions in several languages, Whisper's `[BLANK_AUDIO]`, the usual
/// words of subtitles for the deaf and hard of hearing, and the prepositions that start a
/// description rather than a name ("[On TV]", "[In English]"). Lower case, in byte order.
constexpr std::array<std::string_view, 106> sound_words = {"aplausos",    "applaudissements",
                                                           "applaus",     "applause",
                                                           "audio",       "background",
                                                           "bang",        "barking",
                                                           "beep",        "beeping",
                                                           "beeps",       "bell",
                                                           "blank_audio", "breathing",
                                                           "buzzing",     "chatter",
                                                           "cheering",    "cheers",
                                                           "chiming",     "chuckles",
                                                           "clapping",    "clicking",
                                                           "coughs",      "crash",
                                                           "creaking",    "crosstalk",
                                                           "crying",      "door",
                                                           "doorbell",    "engine",
                                                           "exhales",     "explosion",
                                                           "footsteps",   "foreign",
                                                           "gasps",       "gelächter",
                                                           "giggles",     "groans",
                                                           "grunts",      "gunshot",
                                                           "gunshots",    "honking",
                                                           "humming",     "in",
                                                           "inaudible",   "indistinct",
                                                           "inhales",     "knocking",
                                                           "lachen",      "language",
                                                           "laughing",    "laughs",
                                                           "laughter",    "music",
                                                           "musica",      "musik",
                                                           "musique",     "muzyka",
                                                           "música",      "noise",
                                                           "off",         "on",
                                                           "over",        "panting",
                                                           "pause",       "phone",
                                                           "playing",     "rain",
                                                           "ringing",     "rires",
                                                           "risas",       "rumbling",
                                                           "screaming",   "screams",
                                                           "shouting",    "sighs",
                                                           "silence",     "singing",
                                                           "siren",       "sniffles",
                                                           "sniffs",      "snoring",
                                                           "sobbing",     "sound",
                                                           "speaking",    "splashing",
                                                           "static",      "thud",
                                                           "thunder",     "ticking",
                                                           "typing",      "unintelligible",
                                                           "via",         "whispering",
                                                           "whistling",   "whooshing",
                                                           "wind",        "yelling",
                                                           "музыка",      "拍手",
                                                           "掌声",        "笑",
                                                           "笑い",        "笑声",
                                                           "音乐",        "音楽"};

/// `word` in lower case (`fold_case`), at most 32 bytes of it: sound words are shorter.
std::string_view folded(std::string_view word, std::array<char, 32>& buffer) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < word.size();) {
    char encoded[4];
    const std::size_t length = encode(fold_case(next_code_point(word, i)), encoded);
    if (n + length > buffer.size()) return {};
    for (std::size_t k = 0; k < length; ++k) buffer[n++] = encoded[k];
  }
  return {buffer.data(), n};
}

bool is_sound_word(std::string_view word) noexcept {
  std::array<char, 32> buffer{};
  const std::string_view key = folded(word, buffer);
  return !key.empty() && std::find(sound_words.begin(), sound_words.end(), key) != sound_words.end();
}

/// The first code point of `word` starts a name: a capital, a digit after the first word, or a
/// letter of a script without case (`李`).
bool starts_name_word(std::string_view word, bool first) noexcept {
  const char c = word[0];
  if (static_cast<unsigned char>(c) < 0x80) return is_upper(c) || (!first && is_digit(c));
  const char32_t cp = decode_at(word, 0);
  return !is_lowercase(cp) && !is_white_space(cp) && cp != 0x2019;
}

}  // namespace

bool is_bracket_label(std::string_view inside) noexcept {
  constexpr std::size_t most_words = 4;
  std::size_t words = 0;
  for (std::size_t i = 0; i <= inside.size();) {
    std::size_t end = inside.find(' ', i);
    if (end == std::string_view::npos) end = inside.size();
    const std::string_view word = inside.substr(i, end - i);
    if (word.empty() || ++words > most_words || !starts_name_word(word, words == 1) || is_sound_word(word))
      return false;
    for (const char c : word) {
      const bool ascii = static_cast<unsigned char>(c) < 0x80;
      if (ascii && !is_alnum(c) && c != '.' && c != '\'' && c != '-' && c != '_') return false;
    }
    i = end + 1;
  }
  return words != 0;
}

bool ends_with_sentence_mark(std::string_view text) noexcept {
  std::size_t end = text.size();
  while (end > 0 && is_ascii_whitespace(text[end - 1])) --end;
  // Back over closing quotes and brackets (each at most 3 bytes), then one mark.
  for (std::size_t steps = 0; end > 0 && steps < 8; ++steps) {
    std::size_t begin = end - 1;
    while (begin > 0 && end - begin < 4 && is_continuation_byte(text[begin])) --begin;
    const std::string_view head = text.substr(0, end);
    if (terminator_length(head, begin) == end - begin) return true;
    if (closer_length(head, begin) != end - begin) return false;
    end = begin;
  }
  return false;
}

sentence_search find_sentence_end(std::string_view text, std::size_t from, bool complete) noexcept {
  using status = sentence_search::status;
  const std::size_t n = text.size();
  std::size_t i = from;
  while (i < n) {
    // Most bytes cannot start a mark: skip to the next that can, 16 bytes a step.
    i = static_cast<std::size_t>(find_mark_start(text.data() + i, text.data() + n) - text.data());
    if (i >= n) break;
    bool unspaced = false;
    std::size_t step = terminator_length(text, i, &unspaced);
    if (step == 0) {
      ++i;
      continue;
    }
    const std::size_t marks_begin = i;
    const bool lone_period = text[i] == '.' && (i + 1 == n || terminator_length(text, i + 1) == 0);
    i += step;
    while (i < n && (step = terminator_length(text, i, &unspaced)) != 0) i += step;
    while (i < n && (step = closer_length(text, i)) != 0) i += step;
    if (i == n) {
      if (complete) break;
      return {status::need_more, marks_begin};
    }
    if (text[i] != ' ') {
      if (unspaced) return {status::found, i, i};  // "はい。そうです。"
      continue;                                    // inside a word: "3.5", "U.S.A", "?!x"
    }
    std::size_t next = i + 1;
    // A sound tag after a sentence end ("Sit down. [door slams] Who is it?") stands apart.
    const std::size_t tag = sound_tag_end(text, next);
    if (tag == sound_tag_unfinished && !complete) return {status::need_more, marks_begin};
    if (tag != 0 && tag != sound_tag_unfinished) return {status::found, i, i + 1};
    while (next < n && (step = opener_length(text, next)) != 0) next += step;
    if (next == n && !complete) return {status::need_more, marks_begin};
    if (next < n && is_lowercase(decode_at(text, next))) continue;  // "Well... a lot", "e.g. the"
    if (lone_period && is_abbreviation(text, marks_begin, next)) continue;
    return {status::found, i, i + 1};
  }
  return {status::none, n, n};
}

bool is_clause_boundary(std::string_view text, std::size_t space) noexcept {
  if (space == 0) return false;
  if (has_at(text, space, "\u3000")) return true;
  const char before = text[space - 1];
  if (before == ',' || before == ';' || before == ':') return true;
  if (space < 3) return false;
  // — – and the CJK clause marks 、 ， ； ： (no space need follow those)
  for (const std::string_view mark : {"\u2014", "\u2013", "\u3001", "\uFF0C", "\uFF1B", "\uFF1A"}) {
    if (has_at(text, space - 3, mark)) return true;
  }
  return false;
}

namespace {

/// The script a character of text without spaces belongs to, for `unspaced_break_at`: small
/// kana, ー and iteration marks go with their kana or Han.
enum class script : unsigned char { han, hiragana, katakana, other };

script script_of(char32_t cp, unspaced_class c) noexcept {
  switch (c) {
    case unspaced_class::han: return script::han;
    case unspaced_class::hiragana: return script::hiragana;
    case unspaced_class::katakana:
    case unspaced_class::prolonged: return script::katakana;
    case unspaced_class::small_kana:
    case unspaced_class::iteration:
      if (cp == 0x3005 || cp == 0x303B) return script::han;  // 々 〻
      return cp >= 0x30A0 ? script::katakana : script::hiragana;
    default: return script::other;
  }
}

}  // namespace

break_quality unspaced_break_at(std::string_view text, std::size_t i) noexcept {
  if (i == 0 || i >= text.size() || byte_at(text, i) < 0x80 || byte_at(text, i - 1) < 0x80) return break_quality::none;
  std::size_t before = i - 1;
  while (before > 0 && is_continuation_byte(text[before])) --before;
  const char32_t left = decode_at(text, before);
  const char32_t right = decode_at(text, i);
  const unspaced_class r = classify_unspaced(right);
  unspaced_class l = classify_unspaced(left);
  // … ‥ — ― before such text end a clause of it: "大丈夫だよ…" | "だめだ".
  if (l == unspaced_class::none && is_shared_cjk_mark(left) && r != unspaced_class::none)
    l = unspaced_class::punctuation;
  if (l == unspaced_class::none || r == unspaced_class::none || l == unspaced_class::opening ||
      is_unspaced_line_start_forbidden(r))
    return break_quality::none;
  if (l == unspaced_class::closing || l == unspaced_class::punctuation || r == unspaced_class::opening)
    return break_quality::word;
  const script ls = script_of(left, l);
  const script rs = script_of(right, r);
  if (ls == script::hiragana && (rs == script::han || rs == script::katakana)) return break_quality::word;
  return ls != rs ? break_quality::script_change : break_quality::any;
}

}  // namespace vttkit::detail
