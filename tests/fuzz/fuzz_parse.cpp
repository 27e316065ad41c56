// Fuzz target: the WebVTT parser (docs/fuzzing.md). Besides "does not crash", it checks that
//  - reading the input in small pieces gives exactly what reading it whole gives (the line
//    reader's buffer refills: a CR at the end of a read, a BOM split across reads...);
//  - turning warnings or the diagnostic sink off changes the diagnostics only, never the cues;
//  - every cue, block and diagnostic keeps the invariants the data model documents;
//  - format detection picks one parser and gives what that parser gives when asked directly;
//  - parsing on two threads (chunks of a few dozen bytes) gives exactly what one thread gives.
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

#include "fuzz_support.hpp"
#include "parse/parallel_parser.hpp"

namespace {

bool same_result(const vttkit::parse_result& a, const vttkit::parse_result& b) {
  return a.document == b.document && a.diagnostics == b.diagnostics && a.format == b.format &&
         a.has_signature == b.has_signature && a.read_error == b.read_error;
}

/// The byte length of each line as the line reader splits them (BOM dropped; CR, LF, CRLF).
std::vector<std::size_t> line_lengths(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::vector<std::size_t> lengths;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r' && s[i] != '\n') continue;
    lengths.push_back(i - begin);
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    begin = i + 1;
  }
  lengths.push_back(s.size() - begin);  // the last line (possibly empty: then it is no line, but harmless)
  return lengths;
}

bool known_setting(std::string_view name) {
  return name == "region" || name == "vertical" || name == "line" || name == "position" || name == "size" ||
         name == "align";
}

void check_vtt_document(const vttkit::parse_result& r, std::string_view input) {
  const auto& doc = r.document;
  FUZZ_CHECK(r.format == vttkit::input_format::vtt);
  if (!r.has_signature) {
    FUZZ_CHECK(doc.cues.empty() && doc.blocks.empty());
    bool reported = false;  // E001, after any E005/E006 of the first line
    for (const auto& d : r.diagnostics) reported = reported || d.rule == vttkit::rule::missing_signature;
    FUZZ_CHECK(reported);
  }
  std::size_t previous_line = 0;
  vttkit::cue_text_summary summary;
  for (const vttkit::cue& c : doc.cues) {
    FUZZ_CHECK(c.start >= 0 && c.end >= 0);
    FUZZ_CHECK(c.line > previous_line);
    previous_line = c.line;
    FUZZ_CHECK(c.id.find('\n') == std::string::npos);
    FUZZ_CHECK(c.id.find("-->") == std::string::npos);
    FUZZ_CHECK(c.id.empty() == (c.id_line == 0));
    FUZZ_CHECK(c.id_line == 0 || c.id_line + 1 == c.line);
    // Payload lines are never empty and never hold an arrow (either would end the cue).
    FUZZ_CHECK(c.payload.find("-->") == std::string::npos);
    FUZZ_CHECK(c.payload.find("\n\n") == std::string::npos);
    FUZZ_CHECK(c.payload.empty() || (c.payload.front() != '\n' && c.payload.back() != '\n'));
    FUZZ_CHECK(c.payload.find('\r') == std::string::npos);
    FUZZ_CHECK(c.payload.find('\0') == std::string::npos);
    for (std::size_t i = 0; i < c.settings.size(); ++i) {
      FUZZ_CHECK(known_setting(c.settings[i].name));
      FUZZ_CHECK(!c.settings[i].value.empty());
      for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(c.settings[j].name != c.settings[i].name);
    }
    vttkit::summarize_cue_text(c.payload, summary);
    FUZZ_CHECK(c.text == summary.plain);
    FUZZ_CHECK(c.speaker == summary.speaker);
  }
  std::size_t previous_before = 0;
  for (const vttkit::placed_block& b : doc.blocks) {
    FUZZ_CHECK(b.before_cue >= previous_before && b.before_cue <= doc.cues.size());
    previous_before = b.before_cue;
    const std::string_view text = b.block.text;
    switch (b.block.kind) {
      case vttkit::block_kind::note: FUZZ_CHECK(text.substr(0, 4) == "NOTE"); break;
      case vttkit::block_kind::style:
        FUZZ_CHECK(text.substr(0, 5) == "STYLE");
        FUZZ_CHECK(b.before_cue == 0);  // STYLE and REGION count only before the first cue
        break;
      case vttkit::block_kind::region:
        FUZZ_CHECK(text.substr(0, 6) == "REGION");
        FUZZ_CHECK(b.before_cue == 0);
        break;
    }
    FUZZ_CHECK(text.find("\n\n") == std::string::npos);
  }
  // An input with a UTF-16 or UTF-32 byte order mark is converted first: its diagnostics count
  // lines and columns of the converted text, not of these bytes.
  const bool converted = input.starts_with("\xFF\xFE") || input.starts_with("\xFE\xFF") ||
                         input.starts_with(std::string_view("\0\0\xFE\xFF", 4));
  const auto lengths = line_lengths(input);
  for (const vttkit::diagnostic& d : r.diagnostics) {
    FUZZ_CHECK(d.line >= 1 && d.column >= 1);
    FUZZ_CHECK(!d.message.empty());
    if (converted) continue;
    FUZZ_CHECK(d.line <= lengths.size());
    // Columns count code points of the repaired line: never more than its bytes, plus one.
    FUZZ_CHECK(d.column <= lengths[d.line - 1] + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  vttkit::parse_options options;
  options.format = vttkit::input_format::vtt;
  const vttkit::parse_result whole = vttkit::parse(input, options);
  check_vtt_document(whole, input);

  // The same bytes in small pieces.
  {
    fuzz_support::piecewise_source pieces(input);
    const vttkit::parse_result streamed = vttkit::parse(pieces, options);
    FUZZ_CHECK(same_result(whole, streamed));
  }

  // The same bytes on two threads, cut into chunks of a few dozen bytes (read in place; from
  // small reads the reader stays on one thread): exactly the same result.
  {
    static const bool small_chunks = [] {
      vttkit::detail::parallel_parser::set_chunk_bytes_for_testing(29, 400);
      return true;
    }();
    (void)small_chunks;
    vttkit::parse_options threaded = options;
    threaded.threads = 2;
    FUZZ_CHECK(same_result(whole, vttkit::parse(input, threaded)));
    fuzz_support::piecewise_source pieces(input);
    FUZZ_CHECK(same_result(whole, vttkit::parse(pieces, threaded)));
  }

  // Without warnings: the same document, and exactly the errors.
  {
    vttkit::parse_options quiet_options = options;
    quiet_options.warnings = false;
    const vttkit::parse_result quiet = vttkit::parse(input, quiet_options);
    FUZZ_CHECK(quiet.document == whole.document);
    std::vector<vttkit::diagnostic> errors;
    for (const auto& d : whole.diagnostics)
      if (d.info().severity == vttkit::severity::error) errors.push_back(d);
    FUZZ_CHECK(quiet.diagnostics == errors);

    // The streaming reader with no sink at all: the same cues and blocks, and the error count.
    vttkit::memory_source source(input);
    vttkit::reader reader(source, options);
    std::size_t cues = 0, blocks = 0;
    while (reader.next()) {
      if (reader.kind() == vttkit::item_kind::cue) {
        FUZZ_CHECK(cues < whole.document.cues.size() && reader.cue() == whole.document.cues[cues]);
        ++cues;
      } else {
        FUZZ_CHECK(blocks < whole.document.blocks.size() && reader.block() == whole.document.blocks[blocks].block);
        ++blocks;
      }
    }
    FUZZ_CHECK(cues == whole.document.cues.size() && blocks == whole.document.blocks.size());
    FUZZ_CHECK(reader.error_count() == errors.size());
    if (whole.has_signature) FUZZ_CHECK(reader.bytes_read() == size);  // all read to the end
  }

  // Format detection, with and without a telling name.
  for (const char* name : {"", "input.srt", "INPUT.VTT"}) {
    vttkit::parse_options detect;
    detect.name = name;
    const vttkit::parse_result detected = vttkit::parse(input, detect);
    FUZZ_CHECK(detected.format != vttkit::input_format::automatic);
    if (detected.format == vttkit::input_format::vtt) {
      FUZZ_CHECK(same_result(detected, whole));
    } else {
      vttkit::parse_options srt = detect;
      srt.format = vttkit::input_format::srt;
      FUZZ_CHECK(same_result(detected, vttkit::parse(input, srt)));
    }
  }
  return 0;
}
