// Private helper of the word timings (words.cpp) for the steps that rewrite a cue's text.
#pragma once

#include <vttkit/document.hpp>

namespace vttkit::detail {

/// After a step took words off the front of `c.text` (a speaker prefix), drops as many from
/// the front of `c.words`, so that they spell the text again.
void keep_words_of_text(cue& c);

}  // namespace vttkit::detail
