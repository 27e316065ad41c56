// Windows-1252 (the Western European Windows code page): bytes to code points.
#pragma once

#include <array>
#include <cstdint>

namespace vttkit::detail {

/// The code point of a Windows-1252 byte, or 0 for the five bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). 0xA0-0xFF are Latin-1 (the same code point).
constexpr char32_t windows_1252_code_point(unsigned char b) noexcept {
  constexpr std::array<char16_t, 32> c1{
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
  };
  if (b >= 0x80 && b < 0xA0) return c1[b - 0x80];
  return b;
}

}  // namespace vttkit::detail
