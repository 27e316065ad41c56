// Fuzz target: the SubRip reader (docs/fuzzing.md). Besides "does not crash", it checks that
//  - reading the input in small pieces gives exactly what reading it whole gives;
//  - every cue's plain text is what its payload (escaped text, <b> <i> <u> kept) reads as;
//  - SubRip converted to WebVTT reads back as the same cues (ids and positions included);
//  - a non-blank input without any entry, and only that, is E001;
//  - every writer copes with what the reader produced.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

#include "fuzz_support.hpp"

namespace {}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  vttkit::parse_options options;
  options.format = vttkit::input_format::srt;
  const vttkit::parse_result r = vttkit::parse(input, options);
  FUZZ_CHECK(r.format == vttkit::input_format::srt);
  // No entry in a non-blank input is E001 (SubRip's first entry stands for a signature).
  bool e001 = false;
  for (const vttkit::diagnostic& d : r.diagnostics) e001 = e001 || d.rule == vttkit::rule::missing_signature;
  FUZZ_CHECK(r.has_signature == !e001);
  FUZZ_CHECK(r.has_signature || r.document.cues.empty());

  {
    fuzz_support::piecewise_source pieces(input);
    const vttkit::parse_result streamed = vttkit::parse(pieces, options);
    FUZZ_CHECK(streamed.document == r.document);
    FUZZ_CHECK(streamed.diagnostics == r.diagnostics);
  }

  vttkit::cue_text_summary summary;
  std::size_t previous_line = 0;
  for (const vttkit::cue& c : r.document.cues) {
    FUZZ_CHECK(c.start >= 0 && c.end >= 0);
    FUZZ_CHECK(c.line > previous_line);
    previous_line = c.line;
    // The index is the id; the settings are a {\anN} position (line, align).
    FUZZ_CHECK(c.id.empty() == (c.id_line == 0) && c.id.find_first_not_of("0123456789") == std::string::npos);
    FUZZ_CHECK(c.id_line < c.line && c.speaker.empty());
    for (const auto& s : c.settings) FUZZ_CHECK(s.name == "line" || s.name == "align");
    FUZZ_CHECK(c.payload.find("-->") == std::string::npos);  // '>' is escaped
    FUZZ_CHECK(c.payload.find("\n\n") == std::string::npos);
    FUZZ_CHECK(c.payload.find('\r') == std::string::npos && c.payload.find('\0') == std::string::npos);
    vttkit::summarize_cue_text(c.payload, summary);
    FUZZ_CHECK(c.text == summary.plain);
    FUZZ_CHECK(!summary.has_voice);
  }
  for (const vttkit::diagnostic& d : r.diagnostics) FUZZ_CHECK(d.line >= 1 && d.column >= 1);

  // SubRip to WebVTT and back: the same cues (the reader numbers lines differently).
  const std::string vtt = vttkit::write_document(r.document, {vttkit::output_format::vtt});
  vttkit::parse_options vtt_options;
  vtt_options.format = vttkit::input_format::vtt;
  const vttkit::parse_result again = vttkit::parse(vtt, vtt_options);
  FUZZ_CHECK(again.document.cues.size() == r.document.cues.size());
  for (std::size_t i = 0; i < r.document.cues.size(); ++i) {
    const vttkit::cue& a = r.document.cues[i];
    const vttkit::cue& b = again.document.cues[i];
    FUZZ_CHECK(a.id == b.id && a.start == b.start && a.end == b.end && a.settings == b.settings);
    FUZZ_CHECK(a.payload == b.payload && a.text == b.text && a.speaker == b.speaker);
  }
  // The only error left: cues that end before they start (kept, and reported again).
  for (const vttkit::diagnostic& d : again.diagnostics) {
    if (d.info().severity == vttkit::severity::error) FUZZ_CHECK(d.rule == vttkit::rule::end_not_after_start);
  }

  // The other writers. The transcripts (md, txt) leave out cues without text.
  bool any_text = false;
  for (const vttkit::cue& c : r.document.cues)
    any_text = any_text || c.text.find_first_not_of(" \t\n\r\f") != std::string::npos;
  for (const auto format :
       {vttkit::output_format::srt, vttkit::output_format::json, vttkit::output_format::jsonl,
        vttkit::output_format::md, vttkit::output_format::txt, vttkit::output_format::podcast_json}) {
    const std::string out = vttkit::write_document(r.document, {format, vttkit::speaker_labels::every});
    const bool transcript = format == vttkit::output_format::md || format == vttkit::output_format::txt;
    FUZZ_CHECK(!out.empty() || r.document.cues.empty() || (transcript && !any_text));
  }
  return 0;
}
