// The cue object of the json and jsonl formats (docs/formats.md, "JSON schema").
#pragma once

#include <string>

#include <vttkit/document.hpp>

namespace vttkit::detail {

/// Appends `{"id": ..., "start": ..., "end": ..., "speaker": ..., "text": ..., "raw": ...,
/// "settings": {...}}` on one line.
void append_json_cue(std::string& out, const cue& c);

}  // namespace vttkit::detail
