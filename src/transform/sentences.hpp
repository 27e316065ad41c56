// Private text helpers of the transcript transforms: white space, words, sentence ends, payloads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <vttkit/document.hpp>

#include "text/unicode.hpp"  // non_ascii_space_length
#include "text/utf8.hpp"     // count_code_points

namespace vttkit::detail {

/// Bytes of the white space character at `text[i]`, 0 when there is none. White space is what
/// Python's `str.isspace()` accepts (ASCII controls 9-13 and 28-31, space, U+0085, U+00A0,
/// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), so that our word counts agree
/// with the usual scripting tools that users check them with. Inline: it runs once per byte.
[[nodiscard]] inline std::size_t space_length(std::string_view text, std::size_t i) noexcept {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 0x80) return non_ascii_space_length(text, i);
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) ? 1 : 0;
}

/// Number of words: maximal runs of characters that are not white space.
[[nodiscard]] std::size_t count_words(std::string_view text) noexcept;

/// Words as a reader counts them, for `vtt speakers`: `count_words`, except that in a script
/// written without spaces (`is_unspaced_script`) each character is a word and its punctuation
/// none: "はい。" is 2, "東京Tower" 3.
[[nodiscard]] std::size_t count_reading_words(std::string_view text) noexcept;

/// Code points `append_words` would add to an empty string, joining as `word_joints::fragments`.
[[nodiscard]] std::size_t words_length(std::string_view text) noexcept;

/// How `append_words` joins words. `spaces`: by single spaces, but none where the boundary
/// between `out` and `text` falls between two characters of a script written without spaces
/// (`is_unspaced_script`), for names, labels and keys. `fragments`: as fragments of transcript
/// text, each joint, at the boundary or inside `text`, as `fragment_separator` gives it: a
/// space, or between two CJK characters nothing (at the boundary and line breaks) or the
/// pause U+3000 (for spaces inside `text`) (merge, stitch, writers).
enum class word_joints : unsigned char { spaces, fragments };

/// Appends the words of `text` joined as `joints` says, preceded by a separator when `out` is
/// not empty and `text` has a word. A no-break, figure, thin or narrow no-break space between
/// two words (U+00A0, U+2007, U+2009, U+202F: "10 km") is kept as it is, inside the word;
/// elsewhere it is white space like any other. Returns the number of bytes appended.
std::size_t append_words(std::string& out, std::string_view text, word_joints joints = word_joints::spaces);

/// Replaces `out` (reusing its capacity) with a rewritten cue's payload: `<v NAME>` when
/// `speaker` is not empty, then the escaped plain text.
void assign_payload(std::string& out, std::string_view speaker, std::string_view plain);

/// Outcome of `find_sentence_end`.
struct sentence_search {
  enum class status {
    found,      ///< a sentence ends just before `position`; the next starts at `next`
    none,       ///< no sentence ends in the text examined
    need_more,  ///< deciding needs text beyond the end; search again from `position`
  };
  status result = status::none;
  std::size_t position = 0;
  std::size_t next = 0;  ///< past the space after the sentence, if there is one
};

/// Finds the first sentence end at or after `from` in `text`, whose words must be separated by
/// single spaces (as `append_words` makes them). A sentence ends after `.` `?` `!` `…` or the
/// marks of other scripts (`।` `॥` `؟` `۔` `։` `።` `፧`), closing quotes or brackets, then a
/// space, or after the CJK marks `。` `！` `？` `．` with or without a space; unless the next
/// word starts with a lower-case letter (and is no sound tag, see `sound_tag_end`) or a lone
/// `.` ends an abbreviation, an initial or `No.` before a number. `complete` says that no text
/// will follow, so what comes after the last character need not be waited for. The end of the
/// text itself is never reported: it ends a sentence whenever it is final.
[[nodiscard]] sentence_search find_sentence_end(std::string_view text, std::size_t from, bool complete) noexcept;

/// `sound_tag_end`'s answer for a bracket that may close in text still to come.
inline constexpr std::size_t sound_tag_unfinished = std::string_view::npos;

/// A sound tag at `text[at]`: `[...]` or `(...)` of at most 48 bytes without brackets or
/// sentence marks inside, followed by a space or the end of the text ("[door slams]",
/// "(laughs)"), and no speaker's label before more text ("[Alba] Hi.", `is_bracket_label`).
/// Returns the offset past its closing bracket; 0 when there is none;
/// `sound_tag_unfinished` when the text ends before the bracket could close.
[[nodiscard]] std::size_t sound_tag_end(std::string_view text, std::size_t at) noexcept;

/// Whether the text inside square brackets reads as a speaker's name rather than a sound:
/// one to four words separated by single spaces, each starting with a capital (a digit after
/// the first; any letter of a script without case), of letters, digits and `.` `'` `-` `_`,
/// none of them a word of sound tags written like a name (`Music`, `APPLAUSE`, `Risas`,
/// `BLANK_AUDIO`; the list is in sentences.cpp). "Alba", "SPEAKER 2", "Dr. Lima" are labels;
/// "door slams", "Music", "Phone rings" are not.
[[nodiscard]] bool is_bracket_label(std::string_view inside) noexcept;

/// Whether `text` (white space at its end ignored) ends with a sentence mark, of any script,
/// and possibly closing quotes or brackets: "Yes.", "Really?\"", "はい。".
[[nodiscard]] bool ends_with_sentence_mark(std::string_view text) noexcept;

/// How good a place to split text without spaces a boundary is (`unspaced_break_at`), worst
/// first.
enum class break_quality : unsigned char {
  none,           ///< not to be split here
  any,            ///< between two characters of one script, maybe inside a word
  script_change,  ///< where the script changes (東京|タワー, タワー|へ): often a word boundary
  word,           ///< likely a word boundary: hiragana (a particle) before Han or katakana
                  ///< (は|東京, きょう|タワー), or a mark or bracket (」|は, は|「)
};

/// Whether, and how well, text without spaces may be split at `text[i]` (a code point
/// boundary): the characters on both sides are of a script written without spaces
/// (`is_unspaced_script`); the one at `i` does not start a line by the kinsoku rules (no small
/// kana, ー, iteration mark, combining mark, closing bracket or mark, see
/// `is_unspaced_line_start_forbidden`) and the one before it is no opening bracket.
[[nodiscard]] break_quality unspaced_break_at(std::string_view text, std::size_t i) noexcept;

/// Whether the boundary at `text[space]` (a space, or a split point of text without spaces)
/// follows a clause mark (`,` `;` `:` `—` `–` `、` `，` `；` `：`) or is the ideographic space
/// U+3000 (a pause between two CJK words, `fragment_separator`): the preferred place to
/// split a sentence that is too long.
[[nodiscard]] bool is_clause_boundary(std::string_view text, std::size_t space) noexcept;

/// Copies what a cue is besides its text (id, times, settings, speaker, lines) into `to`, field
/// by field so that `to`'s strings keep their capacity; a step that rewrites the text (merge,
/// roll-up) sets text, payload and words itself.
inline void copy_cue_frame(cue& to, const cue& from) {
  to.id = from.id;
  to.start = from.start;
  to.end = from.end;
  to.settings = from.settings;
  to.speaker = from.speaker;
  to.line = from.line;
  to.id_line = from.id_line;
}

}  // namespace vttkit::detail
