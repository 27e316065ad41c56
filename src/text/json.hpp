// JSON strings: any bytes in, valid JSON text out.
#pragma once

#include <string>
#include <string_view>

namespace vttkit::detail {

/// Appends `s` as a quoted JSON string. Any bytes are accepted (file names need not be UTF-8):
/// each byte that is not part of valid UTF-8 becomes \ufffd; `"`, `\` and control characters
/// are escaped; everything else is copied as is.
void append_json_string(std::string& out, std::string_view s);

}  // namespace vttkit::detail
