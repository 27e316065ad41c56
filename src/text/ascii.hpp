// ASCII character classes, case folding and trimming: byte by byte, independent of the locale.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vttkit::detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) noexcept { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }

/// `c` in lower case when it is an ASCII capital, else `c` itself (bytes >= 0x80 unchanged).
constexpr char to_lower(char c) noexcept { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

/// The white space that ends a tag name or class list in the W3C cue text tokenizer: tab, LF,
/// FF and space (not CR).
constexpr bool is_tag_space(char c) noexcept { return c == '\t' || c == '\n' || c == '\f' || c == ' '; }

/// "ASCII whitespace" of the WHATWG standards: tab, LF, FF, CR and space.
constexpr bool is_ascii_whitespace(char c) noexcept { return is_tag_space(c) || c == '\r'; }

/// Space or tab: what SubRip readers skip around an index or a blank line.
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

/// The white space of C's `isspace` in the "C" locale: tab, LF, VT, FF, CR and space.
constexpr bool is_space(char c) noexcept { return is_ascii_whitespace(c) || c == '\v'; }

/// `s` without the characters `drop` accepts at either end.
template <class Drop>
constexpr std::string_view trim(std::string_view s, Drop drop) noexcept {
  while (!s.empty() && drop(s.front())) s.remove_prefix(1);
  while (!s.empty() && drop(s.back())) s.remove_suffix(1);
  return s;
}

/// `s` without ASCII whitespace at either end.
constexpr std::string_view trim(std::string_view s) noexcept { return trim(s, is_ascii_whitespace); }

/// Equality with ASCII letters compared without regard to case.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

/// Whether `s` starts with `prefix`, ASCII letters compared without regard to case.
constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

/// Whether `s` ends with `suffix`, ASCII letters compared without regard to case.
constexpr bool iends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

/// Turns the ASCII capitals of `s` into lower case, in place.
inline void lower_in_place(std::string& s) noexcept {
  for (char& c : s) c = to_lower(c);
}

}  // namespace vttkit::detail
