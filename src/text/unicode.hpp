// Code point properties the library needs without a Unicode table: white space and the simple
// case of the scripts transcripts are usually written in (Latin, Greek, Cyrillic).
#pragma once

#include <cstddef>
#include <string_view>

#include "text/ascii.hpp"

namespace vttkit::detail {

/// Unicode White_Space outside ASCII (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
/// U+202F, U+205F, U+3000): what a viewer would also see as nothing.
constexpr bool is_unicode_space(char32_t cp) noexcept {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/// Unicode White_Space: C's `is_space` in ASCII, `is_unicode_space` beyond.
constexpr bool is_white_space(char32_t cp) noexcept {
  return cp < 0x80 ? is_space(static_cast<char>(cp)) : is_unicode_space(cp);
}

/// `is_unicode_space` on UTF-8: the bytes of the white space character at `text[i]` (a byte
/// of 0x80 or more), 0 when there is none. Reads the bytes without decoding them: the word
/// counts of the transforms run it on every such byte.
[[nodiscard]] std::size_t non_ascii_space_length(std::string_view text, std::size_t i) noexcept;

/// Simple lower-casing of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals; other
/// code points as they are. Enough to tell "Speaker 1" from "SPEAKER 1".
constexpr char32_t fold_case(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F))
    return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1u;  // pairs: even upper
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1u) ? cp + 1 : cp;  // odd upper
  if (cp == 0x178) return 0xFF;
  return cp;
}

/// Lower-case letters of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: the scripts a
/// transcript's "next word starts in lower case" test meets in practice. Latin Extended-A pairs
/// upper and lower case by parity, with the parity flipping at U+0139 and U+0179.
constexpr bool is_lowercase(char32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x137) return (cp & 1u) != 0;
  if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return true;
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1u) == 0;
  if (cp >= 0x14A && cp <= 0x177) return (cp & 1u) != 0;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1u) == 0;
  return (cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F);
}

/// Scripts written without spaces between words: CJK punctuation, kana, Han ideographs and
/// full-width and half-width forms (not Hangul, which is written with spaces). Two such
/// characters on either side of a cue boundary join without a space.
constexpr bool is_unspaced_script(char32_t cp) noexcept {
  return (cp >= 0x3001 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF01 && cp <= 0xFF9F) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

/// What a character of a script written without spaces is, for joining and cutting such text
/// (docs/transcripts.md, "Other scripts"): `none` outside those scripts.
enum class unspaced_class : unsigned char {
  none,
  han,       ///< ideographs and the ideographic letters 〆 〇
  hiragana,  ///< full-size hiragana
  katakana,  ///< full-size katakana, full-width and half-width
  small_kana,  ///< ぁぃぅぇぉっゃゅょゎゕゖ ァィゥェォッャュョヮヵヶ ㇰ-ㇿ ｧ-ｯ: never start a line
  prolonged,    ///< the prolonged sound mark ー ｰ: never starts a line
  iteration,    ///< 々 ゝ ゞ ヽ ヾ 〻: never start a line
  combining,    ///< the combining (semi-)voiced marks U+3099 U+309A, ﾞ ﾟ: part of the kana before
  opening,      ///< opening brackets and quotes: 「 『 （ 【 〈 《 〔 ［ ｛ 〖 〘 〝 ｢
  closing,      ///< closing brackets and quotes: 」 』 ） 】 〉 》 〕 ］ ｝ 〗 〙 〞 〟 ｣
  punctuation,  ///< other marks: 。 、 ， ． ！ ？ ： ； ・ ｡ ､ and the like
  other,        ///< full-width letters and digits, other symbols
};

/// The `unspaced_class` of `cp`; `none` where `is_unspaced_script` is false.
[[nodiscard]] unspaced_class classify_unspaced(char32_t cp) noexcept;

/// Whether `c` is a mark or bracket of those scripts: such text needs no pause between fragments.
constexpr bool is_unspaced_mark(unspaced_class c) noexcept {
  return c == unspaced_class::opening || c == unspaced_class::closing || c == unspaced_class::punctuation;
}

/// Whether a line of text without spaces must not start with a character of class `c`
/// (kinsoku): small kana, ー, iteration marks, combining marks, closing brackets, marks.
constexpr bool is_unspaced_line_start_forbidden(unspaced_class c) noexcept {
  return c == unspaced_class::small_kana || c == unspaced_class::prolonged || c == unspaced_class::iteration ||
         c == unspaced_class::combining || c == unspaced_class::closing || c == unspaced_class::punctuation;
}

/// Whether `cp` is a mark that CJK text uses from the general punctuation block: … ‥ — ―.
constexpr bool is_shared_cjk_mark(char32_t cp) noexcept {
  return cp == 0x2026 || cp == 0x2025 || cp == 0x2014 || cp == 0x2015;
}

/// The separator that joins two fragments of text, `left` and `right` (both without white
/// space at the joint, neither empty): a space, but between two characters of a script
/// written without spaces none, or where `spaced` (the text had spaces there, not a line
/// break or a cue boundary) the ideographic space U+3000, unless either side is a mark or
/// bracket (… ‥ — ― after such text count as marks too). Cue boundaries and line breaks in
/// Chinese and Japanese text get nothing: a break may be a pause or a line wrapped at a width
/// (Whisper and many tools wrap so), and stitch's own cuts fall inside words; a space the
/// text has is kept as the full-width pause. One rule for merge, stitch and the writers.
[[nodiscard]] std::string_view fragment_separator(std::string_view left, std::string_view right,
                                                  bool spaced = false) noexcept;

/// Columns a terminal gives the code point `cp`: 0 for combining marks, zero-width spaces and
/// joiners, variation selectors; 2 for East Asian wide and full-width characters and emoji; 1
/// otherwise, as wcwidth does: the tables of src/text/widths.inc, generated from the Unicode
/// database (East_Asian_Width W and F; categories Mn, Me, Cf) by src/text/widths.py. For a caret
/// under a column and for aligning tables; control characters are the caller's business.
[[nodiscard]] int terminal_width(char32_t cp) noexcept;

/// Columns a terminal gives UTF-8 `text`: the sum of `terminal_width`, for aligning table
/// columns that hold names in any script.
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

}  // namespace vttkit::detail
