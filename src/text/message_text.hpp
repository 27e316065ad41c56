// Input text quoted in diagnostic messages: short, one line, safe to print.
#pragma once

#include <string>
#include <string_view>

#include "text/utf8.hpp"

namespace vttkit::detail {

/// At most 40 bytes of `s` (cut at a code point boundary, "..." added), control characters
/// shown as '?', so that a message stays one readable line whatever the input holds.
inline std::string message_snippet(std::string_view s) {
  constexpr std::size_t limit = 40;
  bool cut = false;
  if (s.size() > limit) {
    std::size_t n = limit;
    while (n > 0 && is_continuation_byte(s[n])) --n;
    s = s.substr(0, n);
    cut = true;
  }
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  if (cut) out += "...";
  return out;
}

}  // namespace vttkit::detail
