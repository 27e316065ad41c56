// The shortcut for the common transcript cue `<v NAME>text`, for the parser's own use.
#pragma once

#include <string>
#include <string_view>

namespace vttkit::detail {

/// When `payload` is `<v NAME>text` in the shape summarize_cue_text takes a shortcut for
/// (nothing the tokenizer treats specially, nothing to report), sets `speaker` to NAME (left
/// as it is when equal: mostly the same speaker again) and `plain` to the text, and returns
/// true. Otherwise returns false and changes nothing.
bool summarize_simple_voice_into(std::string_view payload, std::string& plain, std::string& speaker);

}  // namespace vttkit::detail
