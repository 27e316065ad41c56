// Equality of short strings (speaker names) without a call to memcmp.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace vttkit::detail {

/// `a == b`, inline for up to 16 bytes (two overlapping 8-byte words), memcmp beyond.
inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  const auto n = a.size();
  if (n != b.size()) return false;
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
  auto word = [](const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  };
  if (n >= 8) return word(a.data()) == word(b.data()) && word(a.data() + n - 8) == word(b.data() + n - 8);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace vttkit::detail
