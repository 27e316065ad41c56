// JSON strings: the one escaper of the library (writers, reports).
#pragma once

#include <string>
#include <string_view>

namespace vttkit::detail {

/// Appends `s` as a JSON string, quotes included: `"` and `\` escaped, control characters
/// below U+0020 as `\n`, `\t`, ... or `\u00XX`; every other byte is copied as it is.
void append_json_string(std::string& out, std::string_view s);

}  // namespace vttkit::detail
