// Fuzz target: the cue text parser (docs/fuzzing.md). The input is one cue's text. Besides "does
// not crash", it checks that
//  - the tree is well formed (parents before children, depths consistent, text nodes not empty);
//  - the one-pass summary agrees with the tree: its plain text is the tree's text nodes joined,
//    its speaker the first voice's annotation; asking for diagnostics changes nothing else;
//  - diagnostics point inside the text;
//  - escaping the plain text (and writing a `<v>` tag for the speaker) reads back unchanged,
//    and never spells an arrow.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/transform.hpp>

#include "fuzz_support.hpp"

namespace {

bool is_internal(vttkit::node_kind k) { return k != vttkit::node_kind::text && k != vttkit::node_kind::timestamp; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const vttkit::cue_text_tree tree = vttkit::parse_cue_text(text);
  std::string joined;
  const vttkit::cue_node* first_voice = nullptr;
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const vttkit::cue_node& node = tree.nodes[i];
    if (node.parent == vttkit::cue_node::npos) {
      FUZZ_CHECK(node.depth == 0);
    } else {
      FUZZ_CHECK(node.parent < i);
      FUZZ_CHECK(is_internal(tree.nodes[node.parent].kind));
      FUZZ_CHECK(node.depth == tree.nodes[node.parent].depth + 1);
    }
    if (node.kind == vttkit::node_kind::ruby_text) {
      FUZZ_CHECK(node.parent != vttkit::cue_node::npos && tree.nodes[node.parent].kind == vttkit::node_kind::ruby);
    }
    if (node.kind == vttkit::node_kind::text) {
      FUZZ_CHECK(!node.value.empty());
      FUZZ_CHECK(node.value.find('\0') == std::string::npos);
      joined += node.value;
    }
    if (node.kind == vttkit::node_kind::voice && first_voice == nullptr) first_voice = &node;
    if (node.kind == vttkit::node_kind::language) FUZZ_CHECK(node.language == node.value);
    for (const std::string& name : node.classes) FUZZ_CHECK(!name.empty());
  }

  vttkit::cue_text_summary summary;
  vttkit::summarize_cue_text(text, summary);
  FUZZ_CHECK(summary.plain == joined);
  FUZZ_CHECK(summary.has_voice == (first_voice != nullptr));
  FUZZ_CHECK(summary.speaker == (first_voice ? first_voice->value : std::string()));

  // With a sink: the same summary, and every diagnostic inside the text.
  constexpr std::size_t first_line = 7;
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';
  std::vector<vttkit::diagnostic> found;
  const vttkit::diagnostic_sink sink = [&found](const vttkit::diagnostic& d) { found.push_back(d); };
  vttkit::cue_text_summary checked;
  vttkit::summarize_cue_text(text, checked, first_line, &sink);
  FUZZ_CHECK(checked.plain == summary.plain && checked.speaker == summary.speaker &&
             checked.has_voice == summary.has_voice);
  for (const vttkit::diagnostic& d : found) {
    FUZZ_CHECK(d.rule == vttkit::rule::bad_tag || d.rule == vttkit::rule::bad_entity);
    FUZZ_CHECK(d.line >= first_line && d.line < first_line + lines);
    FUZZ_CHECK(d.column >= 1 && d.column <= text.size() + 1);
    FUZZ_CHECK(!d.message.empty());
  }

  // Escaped plain text reads back as itself, with no markup and no diagnostic.
  std::string escaped;
  vttkit::append_escaped_cue_text(escaped, summary.plain);
  vttkit::cue_text_summary back;
  found.clear();
  vttkit::summarize_cue_text(escaped, back, 1, &sink);
  FUZZ_CHECK(back.plain == summary.plain && !back.has_voice);
  FUZZ_CHECK(found.empty());

  // What a text-rewriting transform writes keeps the speaker too.
  const std::string payload = vttkit::make_payload(summary.speaker, summary.plain);
  FUZZ_CHECK(payload.find("-->") == std::string::npos);  // it must be writable as a WebVTT cue line
  vttkit::summarize_cue_text(payload, back);
  FUZZ_CHECK(back.plain == summary.plain);
  FUZZ_CHECK(back.speaker == summary.speaker);
  return 0;
}
