// The cue ids seen so far in a file (W107), in little memory whatever the file's length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "text/string_map.hpp"

namespace vttkit::detail {

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
