// JSON strings: the one escaper of the library, for any bytes.
#pragma once

#include <string>
#include <string_view>

namespace vttkit::detail {

/// Appends `s` as a JSON string, quotes included. `"` and `\` are escaped, control
/// characters (U+0000 to U+001F and U+007F) are written as `\n` `\r` `\t` `\b` `\f` or
/// `\u00XX`, valid UTF-8 is kept as it is and each byte that does not belong to a valid UTF-8
/// sequence becomes `\ufffd`: the result is valid JSON whatever `s` holds (a file name, say).
/// Plain ASCII is skipped 16 or 8 bytes at a time.
void append_json_string(std::string& out, std::string_view s);

}  // namespace vttkit::detail
