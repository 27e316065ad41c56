// The cue ids seen so far in a file (W107), in little memory whatever the file's length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vttkit::detail {

/// A hash for string keys that also takes string views (heterogeneous lookup).
struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// A map from strings, looked up by string views without a copy.
template <typename Value>
using string_map = std::unordered_map<std::string, Value, string_hash, std::equal_to<>>;

/// The cue ids seen so far. Numbered ids, the common case (1, 2, 3 ...), are kept as ranges,
/// so a file numbered from 1 to a million costs one range, not a million strings; other ids
/// are kept as strings with the line of their first use.
class id_registry {
 public:
  /// Records `id`; when it was seen before, returns the line of its first use (0 when that is
  /// not kept, for numbered ids).
  std::optional<std::size_t> add(std::string_view id, std::size_t line);

 private:
  /// False when `n` was seen before; else records it, merging with the ranges it touches.
  bool add_number(std::uint64_t n);

  std::map<std::uint64_t, std::uint64_t> ranges_;  ///< first -> last; disjoint, never touching
  string_map<std::size_t> others_;
};

}  // namespace vttkit::detail
