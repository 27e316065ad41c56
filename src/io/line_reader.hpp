// Stage 1, bytes to lines: buffered reading, CR / LF / CRLF line ends, BOM, UTF-8 repair, NUL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <memory>
#include <string_view>

#include <vttkit/diagnostic.hpp>
#include <vttkit/source.hpp>

#include "io/transcoder.hpp"
#include "text/scan.hpp"  // line_masks

namespace vttkit::detail {

/// How the line reader turns the bytes of a line into UTF-8 text.
enum class text_decoding : std::uint8_t {
  undecided,     ///< only ASCII so far: the first byte outside ASCII decides (UTF-8 or Windows-1252)
  utf8,          ///< UTF-8 (also what a transcoding source hands out); invalid sequences become U+FFFD
  windows_1252,  ///< one code point per byte; the five bytes it leaves undefined become U+FFFD
};

/// Splits a byte source into lines exactly as the WebVTT parser's preprocessing does: a
/// leading UTF-8 BOM dropped, CRLF, CR and LF all end a line, invalid UTF-8 sequences and NUL
/// replaced by U+FFFD (each reported once, E005 / E006). Lines are views valid until the next
/// call. Memory: one buffer that grows only to hold the longest line.
///
/// Other encodings (docs/parser.md, "Input encodings"): a UTF-16 or UTF-32 byte order mark, or
/// an `encoding` name other than UTF-8, puts a transcoding_source between the source and the
/// buffer. Without either, the first line with a byte outside ASCII decides: UTF-8 when that
/// byte starts a valid UTF-8 sequence or is undefined in Windows-1252, else Windows-1252 for
/// the rest of the input (`encoding()` says so). Lines of ASCII read the same either way, so
/// the decision needs nothing held back, and lines of ASCII and valid UTF-8 cost nothing more.
class line_reader {
 public:
  /// `encoding`: empty (UTF-8 or as a byte order mark says, Windows-1252 guessed), "UTF-8" (no
  /// guess), or a name iconv knows.
  line_reader(byte_source& source, const diagnostic_sink* sink, std::string_view encoding = {});
  /// Reads lines straight from `bytes` (not copied: they must outlive the reader), a part of
  /// an input whose start (and any BOM) was read already, decoded as `decoding` says.
  line_reader(std::string_view bytes, const diagnostic_sink* sink, text_decoding decoding);

  /// The next line without its terminator; false at the end of input or on a read error.
  bool next(std::string_view& line) {
    // Inline, the common case: an LF-ended line of plain bytes within the block classified last.
    const std::size_t block = begin_ & ~std::size_t{63};
    if (block == mask_block_ && bom_checked_) {
      const std::uint64_t from = ~std::uint64_t{0} << (begin_ - block);
      if (const std::uint64_t hits = masks_.eol & from) {
        const auto at = static_cast<unsigned>(__builtin_ctzll(hits));
        const std::uint64_t range = from & ((std::uint64_t{1} << at) - 1);
        const std::size_t eol = block + at;
        if ((masks_.odd & range) == 0 && data_[eol] == '\n' && begin_ < prepared_) {
          last_begin_ = begin_;
          line = {data_ + begin_, eol - begin_};
          begin_ = eol + 1;
          ++line_no_;
          line_dash_ = (masks_.dash & range) != 0;
          return true;
        }
      }
    }
    return next_line(line);
  }
  /// Whether the lines are read in place from the source's own memory (see
  /// byte_source::view_rest): `buffered()` is then the whole rest of the input, not a copy.
  [[nodiscard]] bool in_place() const noexcept { return in_place_; }
  /// The source read from (null when reading bytes in memory).
  [[nodiscard]] byte_source* source() const noexcept { return source_; }
  /// The source continues an input begun elsewhere: no BOM is looked for.
  void continue_input() noexcept { bom_checked_ = true; }
  /// Pushes the line just returned back, so that the next call returns it again.
  void unget() noexcept;
  /// Whether the line last returned holds a '-' (so a caller looking for "-->" can skip it).
  [[nodiscard]] bool line_has_dash() const noexcept { return line_dash_; }
  /// 1-based number of the line last returned.
  [[nodiscard]] std::size_t line_number() const noexcept { return line_no_; }
  /// Peeks at up to `n` bytes at the start of the input (before any line was read), BOM removed.
  std::string_view peek(std::size_t n);
  /// Bytes of the input before the next line: consumed, not merely buffered or in view (an
  /// input read in place is all in view from the start). For a converted input, the source
  /// bytes converted so far.
  [[nodiscard]] std::size_t bytes_read() const noexcept {
    return transcoder_ ? transcoded_from_ + transcoder_->converted() : consumed_ - (end_ - begin_);
  }
  /// The encoding the input is read in (complete once a line is read; a guess once made).
  [[nodiscard]] const input_encoding& encoding() const noexcept { return encoding_; }
  /// How lines are decoded now (see text_decoding).
  [[nodiscard]] text_decoding decoding() const noexcept { return decoding_; }
  /// Decodes the lines from here on as `decoding` says (a reader that continues an input).
  void decode_as(text_decoding decoding) noexcept { decoding_ = decoding; }
  [[nodiscard]] const std::string& read_error() const noexcept { return error_; }

  /// The most bytes a line, or a block of lines (a cue, a NOTE), may have: past it reading
  /// stops with a read error, so that memory stays bounded whatever the input
  /// (docs/parser.md, "Limits"). No real subtitle file comes near it.
  static constexpr std::size_t max_length = std::size_t{4} << 20;
  /// The read error for a line or block at `line` over `max_length`.
  [[nodiscard]] static std::string limit_message(std::size_t line);
  /// Stops reading: the line or block starting at `line` is over `max_length` (read_error()
  /// says so, next() returns false from here on).
  void stop_at_limit(std::size_t line);
  /// The line `stop_at_limit` was given, or 0.
  [[nodiscard]] std::size_t limit_line() const noexcept { return limit_line_; }
  [[nodiscard]] std::size_t error_count() const noexcept { return errors_; }
  /// The bytes read from the source but not yet returned as lines (after a `peek`, BOM
  /// removed), for a caller that takes over the reading. Valid while this reader lives.
  [[nodiscard]] std::string_view buffered() const noexcept { return {data_ + begin_, end_ - begin_}; }

 private:
  bool next_line(std::string_view& line);  // the general case of next()
  bool fill();
  void skip_bom();
  void transcode(const std::string& from);
  std::string_view clean(std::string_view raw);
  void decide(std::string_view raw) noexcept;
  std::string_view from_windows_1252(std::string_view raw);
  void report_repair(bool nul, std::size_t column);

  byte_source* source_;  // null when reading bytes in memory
  const diagnostic_sink* sink_;
  std::unique_ptr<char[]> storage_;  // not a vector: no zero-filling of every new buffer
  const char* data_ = nullptr;       // storage_, or the caller's bytes
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;  // start of unread data
  std::size_t end_ = 0;    // end of buffered data
  // The buffer is read 64 bytes at a time into bit masks (one bit per byte) of line ends, '-'
  // and bytes that need a closer look (NUL, non-ASCII): finding a line's end is then a bit
  // scan, and most lines need no other pass (text/scan.hpp). One block's masks are kept.
  void load_masks(std::size_t block) noexcept;
  std::size_t mask_block_ = static_cast<std::size_t>(-1);  // start of the block in masks_, or none
  line_masks masks_;
  bool line_dash_ = false;
  bool eof_ = false;
  bool view_tried_ = false;   // asked the source for its bytes in place
  bool in_place_ = false;     // data_ is the source's memory
  std::size_t released_ = 0;  // in place: bytes before this handed back to the source
  // In place: bytes before this were announced to the source (byte_source::prepare); past it
  // look_ahead() announces the next stretch and gives back what lies behind. Never reached
  // when not reading in place.
  std::size_t prepared_ = static_cast<std::size_t>(-1);
  void look_ahead() noexcept;
  bool bom_checked_ = false;
  std::size_t line_no_ = 0;
  std::size_t reported_upto_ = 0;  // lines whose E005/E006 were already reported
  std::size_t last_begin_ = 0;     // where the last returned line started (for unget)
  std::size_t consumed_ = 0;
  std::size_t errors_ = 0;
  std::string repaired_;
  std::string error_;
  std::size_t limit_line_ = 0;
  text_decoding decoding_ = text_decoding::undecided;
  input_encoding encoding_;
  std::string requested_;  // the encoding asked for, or empty
  std::unique_ptr<transcoding_source> transcoder_;
  std::size_t transcoded_from_ = 0;  // bytes of the source before the transcoded part
};

}  // namespace vttkit::detail
