// Stage 1, bytes to lines: buffered reading, CR / LF / CRLF line ends, BOM, UTF-8 repair, NUL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <memory>
#include <string_view>

#include <vttkit/diagnostic.hpp>
#include <vttkit/source.hpp>

#include "text/scan.hpp"  // line_masks

namespace vttkit::detail {

/// Splits a byte source into lines exactly as the WebVTT parser's preprocessing does: a
/// leading UTF-8 BOM dropped, CRLF, CR and LF all end a line, invalid UTF-8 sequences and NUL
/// replaced by U+FFFD (each reported once, E005 / E006). Lines are views valid until the next
/// call. Memory: one buffer that grows only to hold the longest line.
class line_reader {
 public:
  line_reader(byte_source& source, const diagnostic_sink* sink);
  /// Reads lines straight from `bytes` (not copied: they must outlive the reader), a part of
  /// an input whose start (and any BOM) was read already.
  line_reader(std::string_view bytes, const diagnostic_sink* sink);

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
  /// input read in place is all in view from the start).
  [[nodiscard]] std::size_t bytes_read() const noexcept { return consumed_ - (end_ - begin_); }
  [[nodiscard]] const std::string& read_error() const noexcept { return error_; }
  [[nodiscard]] std::size_t error_count() const noexcept { return errors_; }
  /// The bytes read from the source but not yet returned as lines (after a `peek`, BOM
  /// removed), for a caller that takes over the reading. Valid while this reader lives.
  [[nodiscard]] std::string_view buffered() const noexcept { return {data_ + begin_, end_ - begin_}; }

 private:
  bool next_line(std::string_view& line);  // the general case of next()
  bool fill();
  void skip_bom();
  std::string_view clean(std::string_view raw);

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
};

}  // namespace vttkit::detail
