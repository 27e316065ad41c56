// Cue text: the W3C "WebVTT cue text parsing rules" (tokenizer, tags, character references).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/timestamp.hpp>

namespace vttkit {

/// Kinds of WebVTT node objects.
enum class node_kind : std::uint8_t {
  text,        ///< a text object (value = the text, references decoded)
  timestamp,   ///< a timestamp object (time = the time)
  class_span,  ///< `<c>`
  italic,      ///< `<i>`
  bold,        ///< `<b>`
  underline,   ///< `<u>`
  ruby,        ///< `<ruby>`
  ruby_text,   ///< `<rt>`
  voice,       ///< `<v NAME>` (value = NAME)
  language,    ///< `<lang TAG>` (value = the applicable language)
};

/// One node of a cue text tree. Trees are stored flat, in document order (pre-order), so that
/// any depth of nesting costs no recursion.
struct cue_node {
  node_kind kind = node_kind::text;
  std::size_t parent = npos;         ///< index of the parent node, npos for a top-level node
  std::size_t depth = 0;             ///< 0 for top-level nodes
  std::string value;                 ///< text, voice name or language
  std::vector<std::string> classes;  ///< applicable classes (internal nodes)
  std::string language;              ///< applicable language (internal nodes; "" when none)
  millis time = 0;                   ///< timestamp nodes

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

/// A parsed cue text: the list of WebVTT node objects, flattened in document order.
struct cue_text_tree {
  std::vector<cue_node> nodes;
};

/// Parses cue text into its node tree exactly as the W3C cue text parsing rules do.
[[nodiscard]] cue_text_tree parse_cue_text(std::string_view text);

/// What the hot path needs from a cue's text, without building a tree.
struct cue_text_summary {
  std::string plain;             ///< all text nodes joined: tags removed, references decoded, lines kept
  std::string speaker;           ///< annotation of the first `<v>` start tag ("" when none)
  bool has_voice = false;        ///< a `<v>` start tag was seen
  std::size_t voice_offset = 0;  ///< byte offset of that tag's '<' in the payload (when has_voice)
};

/// Fills `out` (reusing its capacity) from `payload`. When `sink` is given, reports bad tags
/// (W105: unknown, malformed, unclosed other than `<v>`, stray end tags) and bad character
/// references (W106) with their line (`first_line` is the payload's first line in the file)
/// and 1-based code point column.
void summarize_cue_text(std::string_view payload, cue_text_summary& out, std::size_t first_line = 1,
                        const diagnostic_sink* sink = nullptr);

/// Escapes text for use as cue text: `&` `<` `>` become `&amp;` `&lt;` `&gt;`.
void append_escaped_cue_text(std::string& out, std::string_view plain);

}  // namespace vttkit
