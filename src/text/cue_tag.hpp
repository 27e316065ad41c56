// Tags of WebVTT cue text as the W3C tokenizer splits them, and the one `<v>` (voice) scanner:
// the parser's shortcut for `<v NAME>text` and the search for voice tags in a payload.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/ascii.hpp"
#include "text/scan.hpp"

namespace vttkit::detail {

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

enum class tag_type : std::uint8_t { start, end, timestamp };

/// One tag token, as views into the cue text. Every tag state ends at the first '>' (a
/// character reference in an annotation can never consume one), so a tag is simply the text
/// between '<' and the next '>' or the end, and the tokenizer's states reduce to this split.
struct tag_token {
  tag_type type = tag_type::start;
  std::string_view name;        ///< tag name (start/end) or tag value (timestamp); raw
  std::string_view classes;     ///< start tags: the text after the first '.', dots included; raw
  std::string_view annotation;  ///< start tags: the annotation before decoding and clean-up
};

/// Splits the text between a tag's '<' and '>' (both excluded).
constexpr tag_token split_tag(std::string_view content) noexcept {
  tag_token tag;
  if (content.empty()) return tag;  // "<>" or "<" at the end: a start tag with an empty name
  if (content[0] == '/') {
    tag.type = tag_type::end;
    tag.name = content.substr(1);
    return tag;
  }
  if (is_digit(content[0])) {
    tag.type = tag_type::timestamp;
    tag.name = content;
    return tag;
  }
  std::size_t i = 0;
  while (i < content.size() && content[i] != '.' && !is_tag_space(content[i])) ++i;
  tag.name = content.substr(0, i);
  if (i < content.size() && content[i] == '.') {
    const std::size_t from = ++i;
    while (i < content.size() && !is_tag_space(content[i])) ++i;
    tag.classes = content.substr(from, i - from);
  }
  // The white space that enters the annotation state is not part of the annotation (the LF
  // that the spec does put in the buffer is stripped with the other leading white space).
  if (i < content.size()) tag.annotation = content.substr(i + 1);
  return tag;
}

/// Where a `<v>` start tag lies in a payload.
struct voice_tag {
  std::size_t tag = std::string_view::npos;  ///< offset of the `<`, npos when none was found
  std::size_t annotation = 0;                ///< offset of the annotation's first byte
  std::size_t end = 0;                       ///< offset of the closing `>` (or the payload's end)
  [[nodiscard]] constexpr bool found() const noexcept { return tag != std::string_view::npos; }
};

/// The first `<v>` start tag at or after `from`, tokenizing as the W3C cue text rules do:
/// every `<` opens a tag that runs to the next `>`, so a `<` inside an annotation is no tag.
constexpr voice_tag find_voice_tag(std::string_view payload, std::size_t from = 0) noexcept {
  for (std::size_t open = payload.find('<', from); open != std::string_view::npos;) {
    const std::size_t close = payload.find('>', open + 1);
    const std::size_t end = close == std::string_view::npos ? payload.size() : close;
    const tag_token tag = split_tag(payload.substr(open + 1, end - open - 1));
    if (tag.type == tag_type::start && tag.name == "v") {
      const std::size_t annotation = tag.annotation.data() == nullptr ? end : end - tag.annotation.size();
      return {open, annotation, end};
    }
    if (close == std::string_view::npos) break;
    open = payload.find('<', close + 1);
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// The shortcut for `<v NAME>text`
// ---------------------------------------------------------------------------------------------

/// For `rest`, the bytes after a payload's "<v ": the length of NAME when `rest` is `NAME>...`
/// and NAME is words separated by single spaces that hold no '&', '<' or byte up to CR (NUL,
/// tab, LF, FF, CR are special to the tokenizer; the other controls merely take the long way);
/// 0 otherwise. One byte at a time.
inline std::size_t simple_voice_name_length_scalar(std::string_view rest) noexcept {
  enum : unsigned char { plain, stop, space, close };
  static constexpr auto kinds = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c <= '\r'; ++c) t[c] = stop;
    t['&'] = t['<'] = stop;
    t[' '] = space;
    t['>'] = close;
    return t;
  }();
  bool after_space = true;  // a space first is a leading space of the name
  for (std::size_t gt = 0; gt < rest.size(); ++gt) {
    const auto kind = kinds[static_cast<unsigned char>(rest[gt])];
    if (kind == plain) {
      after_space = false;
    } else if (kind == close) {
      return after_space ? 0 : gt;  // an empty name, or one ending in a space
    } else if (kind == stop || after_space) {
      return 0;  // a special byte, or a second space
    } else {
      after_space = true;
    }
  }
  return 0;
}

/// `simple_voice_name_length_scalar`, the usual name of up to 15 bytes in one 16-byte step.
inline std::size_t simple_voice_name_length(std::string_view rest) noexcept {
#if defined(__SSE2__)
  if (rest.size() >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rest.data()));
    auto bits = [](__m128i x) { return static_cast<unsigned>(_mm_movemask_epi8(x)); };
    if (const unsigned closes = bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')))) {
      const auto n = static_cast<unsigned>(__builtin_ctz(closes));  // the name's length
      const unsigned in_name = (1u << n) - 1;
      const unsigned stops = bits(
          _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(13)), v),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')), _mm_cmpeq_epi8(v, _mm_set1_epi8('<')))));
      const unsigned spaces = bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
      if (n == 0 || (stops & in_name) || (spaces & 1) || ((spaces >> (n - 1)) & 1) ||
          (spaces & (spaces >> 1) & in_name))
        return 0;
      return n;
    }
  }
#endif
  return simple_voice_name_length_scalar(rest);
}

/// The shape of nearly every transcript cue: `<v NAME>text`, where NAME is as
/// `simple_voice_name_length` takes it and `text` holds nothing the tokenizer treats specially
/// (no character reference, tag or NUL). For it the cue text algorithm's result is known
/// without running it: speaker NAME, plain text `text`. Returns false for anything else.
inline bool split_simple_voice(std::string_view payload, std::string_view& name, std::string_view& text) noexcept {
  if (payload.size() < 4 || payload[0] != '<' || payload[1] != 'v' || payload[2] != ' ') return false;
  const std::size_t n = simple_voice_name_length(payload.substr(3));
  if (n == 0) return false;
  const std::string_view rest = payload.substr(4 + n);
  if (find_cue_special(rest.data(), rest.data() + rest.size()) != rest.data() + rest.size()) return false;
  name = payload.substr(3, n);
  text = rest;
  return true;
}

}  // namespace vttkit::detail
