// Word timings: the words of a cue with the times its inline timestamps give them.
#include <algorithm>
#include <cstring>

#include <vttkit/cue_text.hpp>
#include <vttkit/transform.hpp>

#include "text/ascii.hpp"
#include "transform/sentences.hpp"
#include "transform/words.hpp"

namespace vttkit {

bool has_inline_timestamps(std::string_view payload) noexcept {
  const char* p = payload.data();
  const char* const end = p + payload.size();
  while (p < end) {
    const void* found = std::memchr(p, '<', static_cast<std::size_t>(end - p));
    if (!found) return false;
    p = static_cast<const char*>(found) + 1;
    if (p < end && detail::is_digit(*p)) return true;
  }
  return false;
}

bool fill_words(cue& c) {
  c.words.clear();
  if (!has_inline_timestamps(c.payload)) return false;
  const cue_text_tree tree = parse_cue_text(c.payload);
  millis now = c.start;
  bool in_word = false;
  for (const cue_node& node : tree.nodes) {
    if (node.kind == node_kind::timestamp) now = node.time;
    if (node.kind != node_kind::text) continue;
    const std::string_view text = node.value;
    for (std::size_t i = 0; i < text.size();) {
      if (const std::size_t space = detail::space_length(text, i); space > 0) {
        in_word = false;
        i += space;
        continue;
      }
      if (!in_word) {
        c.words.push_back({std::string(), now, now});
        in_word = true;
      }
      c.words.back().text += text[i++];
    }
  }
  for (std::size_t i = 0; i < c.words.size(); ++i) {
    const millis next = i + 1 < c.words.size() ? c.words[i + 1].start : c.end;
    c.words[i].end = std::max(c.words[i].start, next);
  }
  return !c.words.empty();
}

namespace detail {

void keep_words_of_text(cue& c) {
  if (c.words.empty()) return;
  const std::size_t count = count_words(c.text);
  if (count >= c.words.size()) return;
  c.words.erase(c.words.begin(), c.words.end() - static_cast<std::ptrdiff_t>(count));
}

}  // namespace detail
}  // namespace vttkit
