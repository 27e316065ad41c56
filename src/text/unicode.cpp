// Code point properties (see unicode.hpp).
#include "text/unicode.hpp"

#include <algorithm>
#include <iterator>

#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

/// Whether `text[i...]` starts with the bytes of `seq` (2-3 bytes: no memcmp call).
constexpr bool has_at(std::string_view text, std::size_t i, std::string_view seq) noexcept {
  if (text.size() - i < seq.size()) return false;
  for (std::size_t k = 0; k < seq.size(); ++k)
    if (text[i + k] != seq[k]) return false;
  return true;
}

}  // namespace

std::size_t non_ascii_space_length(std::string_view text, std::size_t i) noexcept {
  auto byte_at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  switch (byte_at(i)) {
    case 0xC2:  // U+0085, U+00A0
      return has_at(text, i, "\u0085") || has_at(text, i, "\u00A0") ? 2 : 0;
    case 0xE1:  // U+1680
      return has_at(text, i, "\u1680") ? 3 : 0;
    case 0xE2: {  // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F
      if (text.size() - i < 3) return 0;
      const unsigned char b1 = byte_at(i + 1);
      const unsigned char b2 = byte_at(i + 2);
      if (b1 == 0x80) return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0;
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0;
    }
    case 0xE3:  // U+3000
      return has_at(text, i, "\u3000") ? 3 : 0;
    default: return 0;
  }
}

namespace {

struct code_point_range {
  char32_t first, last;
};

#include "text/widths.inc"

/// Whether `cp` falls in one of the ascending ranges of `table` (binary search).
template <std::size_t N>
constexpr bool in(const code_point_range (&table)[N], char32_t cp) noexcept {
  const auto* after = std::upper_bound(std::begin(table), std::end(table), cp,
                                       [](char32_t c, const code_point_range& r) { return c < r.first; });
  return after != std::begin(table) && cp <= (after - 1)->last;
}

}  // namespace

int terminal_width(char32_t cp) noexcept {
  if (cp < 0x300) return 1;
  if (in(zero_width, cp)) return 0;
  return in(wide, cp) ? 2 : 1;
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation_byte(text[i])) continue;
    columns += static_cast<std::size_t>(
        static_cast<unsigned char>(text[i]) < 0x80 ? 1 : terminal_width(decode_at(text, i)));
  }
  return columns;
}

namespace {

/// Small kana of the hiragana and katakana blocks (U+3041-U+30FA): the odd code points up to
/// the vowels' end, then single ones.
constexpr bool is_small_kana(char32_t cp) noexcept {
  const char32_t k = cp >= 0x30A0 ? cp - 0x60 : cp;  // katakana mirror hiragana 0x60 higher
  if (k >= 0x3041 && k <= 0x3049) return (k & 1u) != 0;
  return k == 0x3063 || k == 0x3083 || k == 0x3085 || k == 0x3087 || k == 0x308E || k == 0x3095 || k == 0x3096;
}

/// Classes of the CJK symbols and punctuation block, U+3000-U+303F, one letter each.
/// p punctuation, o opening, c closing, h han letter, i iteration, m combining, x other.
constexpr std::string_view symbols_block =
    "xppixihhocococococxxococococpocc"   // U+3000-U+301F
    "xhhhhhhhhhmmmmmmpiiiiixxhhhixpxx";  // U+3020-U+303F

/// Classes of the full-width and half-width forms, U+FF00-U+FF65, as `symbols_block`.
constexpr std::string_view forms_block =
    "xpxxxxxxocxxpxpxxxxxxxxxxxppxxxp"  // U+FF00-U+FF1F
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxoxcxx"  // U+FF20-U+FF3F
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxoxcpo"  // U+FF40-U+FF5F
    "cpocpp";                           // U+FF60-U+FF65

constexpr unspaced_class class_of_letter(char letter) noexcept {
  switch (letter) {
    case 'p': return unspaced_class::punctuation;
    case 'o': return unspaced_class::opening;
    case 'c': return unspaced_class::closing;
    case 'h': return unspaced_class::han;
    case 'i': return unspaced_class::iteration;
    case 'm': return unspaced_class::combining;
    default: return unspaced_class::other;
  }
}

/// Kana, U+3040-U+30FF and the half-width ones.
constexpr unspaced_class classify_kana(char32_t cp) noexcept {
  if (cp == 0x3099 || cp == 0x309A || cp == 0x309B || cp == 0x309C || cp == 0xFF9E || cp == 0xFF9F)
    return unspaced_class::combining;
  if (cp == 0x309D || cp == 0x309E || cp == 0x30FD || cp == 0x30FE) return unspaced_class::iteration;
  if (cp == 0x30FC || cp == 0xFF70) return unspaced_class::prolonged;
  if (cp == 0x30A0 || cp == 0x30FB) return unspaced_class::punctuation;  // ゠ ・
  if (cp >= 0xFF66) return cp >= 0xFF67 && cp <= 0xFF6F ? unspaced_class::small_kana : unspaced_class::katakana;
  if (is_small_kana(cp)) return unspaced_class::small_kana;
  return cp < 0x30A0 ? unspaced_class::hiragana : unspaced_class::katakana;
}

}  // namespace

unspaced_class classify_unspaced(char32_t cp) noexcept {
  if (!is_unspaced_script(cp)) return unspaced_class::none;
  if (cp < 0x3040) return class_of_letter(symbols_block[cp - 0x3000]);
  if (cp < 0x3100 || cp >= 0xFF66) return classify_kana(cp);
  if (cp >= 0x31F0 && cp <= 0x31FF) return unspaced_class::small_kana;
  if (cp >= 0xFF00) return class_of_letter(forms_block[cp - 0xFF00]);
  return unspaced_class::han;
}

namespace {

/// The class of the character at the joint, `text[i]` (a code point's first byte); a run of
/// … ‥ — ― at the joint counts as a mark of the text beyond it (`backward`: before it).
unspaced_class class_at_joint(std::string_view text, std::size_t i, bool backward) noexcept {
  const char32_t cp = decode_at(text, i);
  const unspaced_class c = classify_unspaced(cp);
  if (c != unspaced_class::none || !is_shared_cjk_mark(cp)) return c;
  for (;;) {  // over a run of such marks to the character beyond it
    if (backward) {
      if (i == 0) return unspaced_class::none;
      do --i;
      while (i > 0 && is_continuation_byte(text[i]));
    } else {
      do ++i;
      while (i < text.size() && is_continuation_byte(text[i]));
      if (i == text.size()) return unspaced_class::none;
    }
    const char32_t next = decode_at(text, i);
    if (is_shared_cjk_mark(next)) continue;
    return classify_unspaced(next) == unspaced_class::none ? unspaced_class::none : unspaced_class::punctuation;
  }
}

}  // namespace

std::string_view fragment_separator(std::string_view left, std::string_view right, bool spaced) noexcept {
  if (left.empty() || right.empty()) return {};
  if (static_cast<unsigned char>(left.back()) < 0x80 || static_cast<unsigned char>(right.front()) < 0x80) return " ";
  std::size_t last = left.size() - 1;
  while (last > 0 && is_continuation_byte(left[last])) --last;
  const unspaced_class l = class_at_joint(left, last, true);
  if (l == unspaced_class::none) return " ";
  const unspaced_class r = class_at_joint(right, 0, false);
  if (r == unspaced_class::none) return " ";
  const bool mark = is_unspaced_mark(l) || is_unspaced_mark(r) || r == unspaced_class::combining;
  return mark || !spaced ? std::string_view{} : std::string_view{"\u3000"};
}

}  // namespace vttkit::detail
