// "Did you mean": the closest of the names a word could have meant (commands, rules).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace vtt {

/// Edit distance between two short words.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The name of `names` closest to `given`, compared case-insensitively, when it is at most two
/// edits away; empty when none is.
std::string closest_name(std::string_view given, std::span<const std::string_view> names);

}  // namespace vtt
