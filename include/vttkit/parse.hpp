// Parsing: WebVTT (the W3C algorithm) and SubRip, as a whole document or one cue at a time.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>
#include <vttkit/source.hpp>

namespace vttkit {

/// Input formats.
enum class input_format {
  automatic,  ///< `WEBVTT` signature, else the name's extension, else sniffed (see docs)
  vtt,        ///< WebVTT
  srt,        ///< SubRip
};

/// An input format's entry in the format table (the program's `--from` choices).
struct input_format_info {
  input_format format;
  std::string_view name;  ///< "auto", "vtt", "srt"
  std::string_view summary;
};
/// Every input format, `automatic` first.
[[nodiscard]] std::span<const input_format_info> input_formats() noexcept;

/// How to parse.
struct parse_options {
  input_format format = input_format::automatic;
  /// The input's name, used only to guess the format from its extension (`.vtt`, `.srt`).
  std::string name;
  /// The input's encoding: empty for UTF-8, with UTF-16 and UTF-32 recognised by their byte
  /// order mark and Windows-1252 guessed when the first byte outside ASCII is not UTF-8;
  /// "UTF-8" for UTF-8 without the guess; or any name iconv knows (`known_encoding`), which
  /// a byte order mark overrides. Other encodings are converted to UTF-8 as they are read
  /// (docs/parser.md, "Input encodings"); `reader::encoding()` tells what was used.
  std::string encoding;
  /// Receives every diagnostic in input order. May be empty.
  diagnostic_sink on_diagnostic;
  /// Also report warnings (W103..W106). Errors are always reported.
  bool warnings = true;
  /// The rules to report (by default all); skipping unwanted ones saves their work.
  rule_set rules = rule_set::all();
  /// Threads parsing a WebVTT input at once (1: the calling thread only; 0: one per core).
  /// With more than one, an input read in place (memory_source, mapped_file_source) is cut at
  /// blank lines and the parts parsed side by side; the cues, blocks and diagnostics are
  /// exactly those of one thread, in the same order, and diagnostics are still delivered on
  /// the calling thread. `error_count()` and `bytes_read()` then advance a part at a time.
  /// Memory stays bounded (a few MiB per thread). Other sources (pipes, streams) are parsed
  /// on one thread: their reads would serialise the threads and delay a live producer's cues.
  unsigned threads = 1;
  /// For `vtt fix` (docs/commands.md): read timing lines that the W3C algorithm rejects but
  /// whose meaning is clear (one-digit fields as in `0:0:1.5 --> 0:0:2.5`, `,` before the
  /// milliseconds, `->` for `-->`) and keep their cues, each reported as E002 with what was
  /// read; and hand out each block the algorithm drops as a NOTE block holding its lines
  /// (`-->` written `--&gt;`, which a NOTE cannot hold). Off, parsing is exactly the W3C
  /// algorithm. An input read with it is parsed on one thread.
  bool recover = false;
};

/// What `reader::next` produced.
enum class item_kind { cue, block };

/// Streaming parser: hands out one cue or block at a time, in bounded memory (a buffer of
/// about 1 MiB, plus the longest block). The cue and block objects are reused between calls,
/// so copy or move out what you keep.
///
///     vttkit::fd_source in{0};
///     vttkit::reader r{in};
///     while (r.next()) if (r.kind() == vttkit::item_kind::cue) use(r.cue());
class reader {
 public:
  explicit reader(byte_source& source, parse_options options = {});
  reader(const reader&) = delete;
  reader& operator=(const reader&) = delete;
  reader(reader&&) noexcept;
  reader& operator=(reader&&) noexcept;
  ~reader();

  /// Reads the header (when not done yet) and the next cue or block. Returns false at the end
  /// of the input or on a read error (see `read_error()`).
  bool next();
  /// Reads the header only (next() does it when needed). Returns false when the input has no
  /// valid signature (E001 reported) or could not be read.
  bool read_header();

  [[nodiscard]] item_kind kind() const noexcept;
  [[nodiscard]] vttkit::cue& cue() noexcept;
  [[nodiscard]] vttkit::block& block() noexcept;
  /// The header; complete once `read_header()` or the first `next()` has run.
  [[nodiscard]] const vttkit::header& header() const noexcept;
  /// The format being read (known once the header has been read).
  [[nodiscard]] input_format format() const noexcept;
  /// False when the input had no valid signature (WebVTT) or no cue could start (neither).
  [[nodiscard]] bool has_signature() const noexcept;
  /// Number of error diagnostics reported so far.
  [[nodiscard]] std::size_t error_count() const noexcept;
  /// Bytes of the input consumed so far, up to the item handed out (for progress reports;
  /// with several threads, a chunk at a time).
  [[nodiscard]] std::size_t bytes_read() const noexcept;
  /// Empty unless reading failed; then says why.
  [[nodiscard]] const std::string& read_error() const noexcept;
  /// The encoding the input is read in, and why (a guess is known from the line it was made on;
  /// final at the end of the input).
  [[nodiscard]] const input_encoding& encoding() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// The outcome of parsing a whole input.
struct parse_result {
  vttkit::document document;
  std::vector<diagnostic> diagnostics;
  input_format format = input_format::vtt;
  bool has_signature = false;
  std::string read_error;   ///< non-empty when the source could not be read
  input_encoding encoding;  ///< the encoding the input was read in
};

/// Parses a whole input held in memory.
[[nodiscard]] parse_result parse(std::string_view bytes, parse_options options = {});
/// Parses a whole input from a source.
[[nodiscard]] parse_result parse(byte_source& source, parse_options options = {});

}  // namespace vttkit
