// Stage 2 on several threads: a WebVTT input cut at blank lines into chunks, each parsed by
// its own webvtt_parser, handed out in input order exactly as one parser would produce them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/source.hpp>

#include "io/line_reader.hpp"  // text_decoding

namespace vttkit::detail {

/// Why cutting is exact: after the header every empty line ends a block and the next line
/// starts one, so the parser's state at such a line is only "a cue was seen" and the regions
/// defined, which a chunk takes from the chunk before it (once a cue was seen it never changes
/// again, so the chunks after that one start at once). Line numbers are counted per chunk and
/// shifted when handed out; diagnostics are held per chunk and handed out between the same
/// items as the sequential parser would. An input with no blank line for `max_chunk_bytes`
/// is read on from there by one sequential parser, so memory stays bounded. Only inputs read
/// in place are cut: a pipe would make the threads wait on each other's reads, and a slow
/// producer's lines would come out late.
///
/// Encodings: chunks are parsed as the line reader found the start of the input (UTF-8, or
/// undecided until a byte outside ASCII). A chunk that decides otherwise than the first chunk
/// that decided (a file whose first non-ASCII byte is Windows-1252 and a later one UTF-8, or
/// the reverse) is parsed again, as the sequential reader reads it, when it is handed out.
class parallel_parser {
 public:
  /// `input`: all the rest of the input, in `source`'s own memory (byte_source::view_rest;
  /// a BOM before it already skipped). The parser tells `source` what it is about to read and
  /// what it is done with (prepare / release). `threads` >= 2: the calling thread parses too
  /// while it waits. `lines`: the reader that read the start of the input (its decoding).
  parallel_parser(byte_source& source, std::string_view input, const parse_options& options, unsigned threads,
                  const line_reader& lines);
  parallel_parser(const parallel_parser&) = delete;
  parallel_parser& operator=(const parallel_parser&) = delete;
  ~parallel_parser();

  /// Steps 1-12 (signature and header); false when there is no signature (E001 reported).
  bool read_header(header& out);
  /// The next cue or block, as webvtt_parser::next; the object stays valid until the next call.
  bool next(item_kind& kind, cue*& c, block*& b);

  [[nodiscard]] std::size_t error_count() const noexcept;
  [[nodiscard]] std::size_t bytes_read() const noexcept;
  [[nodiscard]] const std::string& read_error() const noexcept;
  /// The input's encoding (reader::encoding).
  [[nodiscard]] const input_encoding& encoding() const noexcept;

  /// Chunk sizes (for tests: small chunks make many boundaries in small inputs).
  static void set_chunk_bytes_for_testing(std::size_t target, std::size_t max) noexcept;
  /// Back to the sizes in use.
  static void reset_chunk_bytes_for_testing() noexcept;
  /// The chunk sizes now in effect: {target, max}.
  static std::pair<std::size_t, std::size_t> chunk_bytes_for_testing() noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// Where an input may be cut: just after an empty line (`\n\n`, `\n\r\n`, or `\r\r` not followed
/// by `\n`), at or before `bytes.size()`. Returns the cut position, or 0 when there is none
/// after `floor`.
std::size_t last_block_boundary(std::string_view bytes, std::size_t floor) noexcept;

}  // namespace vttkit::detail
