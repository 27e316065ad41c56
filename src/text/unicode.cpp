// Code point properties (see unicode.hpp).
#include "text/unicode.hpp"

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

/// Zero-width: combining marks of the common scripts, zero-width space and joiners, the word
/// joiner and invisible operators, variation selectors, the BOM used as a joiner.
constexpr code_point_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},   {0x0900, 0x0902},
    {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF},   {0x302A, 0x302D},
    {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/// Two columns: Hangul Jamo, CJK (radicals to Yi, compatibility forms), Hangul syllables,
/// full-width forms, emoji and pictographs, and the supplementary ideographic planes.
constexpr code_point_range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x2614, 0x2615},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F000, 0x1F02F}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <std::size_t N>
constexpr bool in(const code_point_range (&table)[N], char32_t cp) noexcept {
  for (const auto& r : table) {
    if (cp < r.first) return false;  // the tables ascend
    if (cp <= r.last) return true;
  }
  return false;
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

}  // namespace vttkit::detail
