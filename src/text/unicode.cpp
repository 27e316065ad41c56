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

}  // namespace vttkit::detail
