// Stage 1, bytes to lines (see line_reader.hpp).
#include "io/line_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "text/scan.hpp"
#include "text/utf8.hpp"
#include "text/windows_1252.hpp"

namespace vttkit::detail {
namespace {

constexpr std::size_t first_chunk = std::size_t{1} << 16;   // small files need no more
constexpr std::size_t max_chunk = std::size_t{1} << 20;     // large files read 1 MiB at a time
constexpr std::size_t prepare_step = std::size_t{1} << 20;  // and mapped ahead 1 MiB at a time
constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// The byte order marks, longest first where one starts another (UTF-32LE's starts UTF-16LE's).
struct byte_order_mark {
  std::string_view bytes;
  std::string_view encoding;
};
constexpr byte_order_mark byte_order_marks[] = {
    {{"\xEF\xBB\xBF", 3}, "UTF-8"}, {{"\xFF\xFE\0\0", 4}, "UTF-32LE"}, {{"\0\0\xFE\xFF", 4}, "UTF-32BE"},
    {{"\xFF\xFE", 2}, "UTF-16LE"},  {{"\xFE\xFF", 2}, "UTF-16BE"},
};

}  // namespace

line_reader::line_reader(byte_source& source, const diagnostic_sink* sink, std::string_view encoding)
    : source_(&source), sink_(sink && *sink ? sink : nullptr), data_(nullptr), requested_(encoding) {}

line_reader::line_reader(std::string_view bytes, const diagnostic_sink* sink, text_decoding decoding)
    : source_(nullptr),
      sink_(sink && *sink ? sink : nullptr),
      data_(bytes.data()),
      capacity_(bytes.size()),
      end_(bytes.size()),
      eof_(true),
      bom_checked_(true),
      consumed_(bytes.size()),
      decoding_(decoding) {}

bool line_reader::fill() {
  if (eof_ || !source_) return false;
  if (!view_tried_) {
    view_tried_ = true;
    std::string_view rest;
    if (begin_ == end_ && source_->view_rest(rest)) {
      // The whole input is in memory already (a mapped file): read the lines from there.
      in_place_ = true;
      eof_ = true;
      data_ = rest.data();
      begin_ = last_begin_ = 0;
      end_ = capacity_ = rest.size();
      consumed_ += rest.size();
      mask_block_ = npos;
      prepared_ = 0;
      return !rest.empty();
    }
    storage_.reset(new char[first_chunk]);
    data_ = storage_.get();
    capacity_ = first_chunk;
  }
  if (begin_ > 0) {
    const auto shift = begin_;
    std::memmove(storage_.get(), storage_.get() + begin_, end_ - begin_);
    end_ -= shift;
    begin_ = 0;
    last_begin_ = last_begin_ > shift ? last_begin_ - shift : 0;
  }
  // Grow when a line fills the buffer, and for large inputs up to max_chunk per read.
  if (end_ == capacity_ || (capacity_ < max_chunk && consumed_ >= capacity_)) {
    const auto bigger = capacity_ * 2;
    std::unique_ptr<char[]> grown{new char[bigger]};
    std::memcpy(grown.get(), storage_.get(), end_);
    storage_ = std::move(grown);
    data_ = storage_.get();
    capacity_ = bigger;
  }
  mask_block_ = npos;  // the data moves or grows: the masks are out of date
  const auto n = source_->read(storage_.get() + end_, capacity_ - end_);
  if (n < 0) {
    error_ = source_->error();
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(n);
  consumed_ += static_cast<std::size_t>(n);
  return true;
}

void line_reader::load_masks(std::size_t block) noexcept {
  const auto avail = end_ - block;
  line_masks m;
  if (avail >= 64) {
    m = classify_line_block(data_ + block);
  } else {
    // The last bytes buffered: classified from a copy, the bits past the end cleared.
    char tail[64] = {};
    std::memcpy(tail, data_ + block, avail);
    m = classify_line_block(tail);
    const std::uint64_t keep = (std::uint64_t{1} << avail) - 1;
    m.eol &= keep;
    m.dash &= keep;
    m.odd &= keep;
  }
  masks_ = m;
  mask_block_ = block;
}

void line_reader::look_ahead() noexcept {
  if (last_begin_ - released_ >= byte_source::release_step) {
    source_->release(data_ + last_begin_);  // the lines before this one are done with
    released_ = last_begin_;
  }
  prepared_ = std::min(end_, last_begin_ + prepare_step);
  source_->prepare(data_ + prepared_);  // the next stretch: its pages mapped at once
}

void line_reader::skip_bom() {
  if (bom_checked_) return;
  bom_checked_ = true;
  while (end_ - begin_ < 4 && fill()) {
  }
  const std::string_view head{data_ + begin_, std::min<std::size_t>(4, end_ - begin_)};
  for (const auto& bom : byte_order_marks) {
    if (!head.starts_with(bom.bytes)) continue;
    begin_ += bom.bytes.size();
    encoding_ = {std::string(bom.encoding), input_encoding::reason::byte_order_mark, 0};
    if (bom.encoding == "UTF-8") decoding_ = text_decoding::utf8;
    else transcode(encoding_.name);
    return;
  }
  if (requested_.empty()) return;
  const bool utf8 = is_utf8_name(requested_);
  encoding_ = {utf8 ? "UTF-8" : requested_, input_encoding::reason::named, 0};
  if (utf8) decoding_ = text_decoding::utf8;
  else transcode(requested_);
}

void line_reader::transcode(const std::string& from) {
  // The bytes after the byte order mark are read again through the conversion, which
  // continues with the source's own bytes (or, read in place, the rest of its memory).
  const std::string_view rest{data_ + begin_, end_ - begin_};
  auto converter = in_place_ ? std::make_unique<transcoding_source>(rest, source_)
                             : std::make_unique<transcoding_source>(rest, *source_);
  transcoded_from_ = consumed_ - rest.size();
  begin_ = end_ = last_begin_ = 0;
  mask_block_ = npos;
  decoding_ = text_decoding::utf8;
  if (!converter->open(from)) {
    error_ = converter->error();
    eof_ = true;
    return;
  }
  transcoder_ = std::move(converter);
  source_ = transcoder_.get();
  if (in_place_ || !storage_) {
    in_place_ = false;
    prepared_ = npos;
    storage_.reset(new char[first_chunk]);
    capacity_ = first_chunk;
  }
  data_ = storage_.get();
  view_tried_ = true;
  eof_ = false;
}

std::string_view line_reader::peek(std::size_t n) {
  skip_bom();
  while (end_ - begin_ < n && fill()) {
  }
  return {data_ + begin_, std::min(n, end_ - begin_)};
}

bool line_reader::next_line(std::string_view& line) {
  skip_bom();
  // Bytes after begin_ already scanned and holding no line end, kept across reads: a line
  // longer than one read (a long line through a pipe, 64 KiB a read) is scanned once, not
  // again from its start after every read.
  std::size_t scanned = 0;
  std::uint64_t dash = 0, odd = 0;
  for (;;) {
    // The first LF or CR at or after begin_, and whether a '-' or an odd byte comes before it.
    std::size_t eol = npos;
    // A line over the limit is not looked at further (in place, it could be the whole file).
    const std::size_t scan_end = std::min(end_, begin_ + max_length + 2);
    for (std::size_t pos = begin_ + scanned; pos < scan_end;) {
      const std::size_t block = pos & ~std::size_t{63};
      if (block != mask_block_) load_masks(block);
      const std::uint64_t from = ~std::uint64_t{0} << (pos - block);
      std::uint64_t range = from;
      if (const auto hits = masks_.eol & from) {
        const auto at = static_cast<unsigned>(std::countr_zero(hits));
        range &= (std::uint64_t{1} << at) - 1;  // at >= pos - block, so the shift is < 64 when used
        eol = block + at;
      }
      dash |= masks_.dash & range;
      odd |= masks_.odd & range;
      if (eol != npos) break;
      pos = block + 64;
    }
    std::size_t line_end = npos, next_begin = npos;
    if (eol != npos) {
      if (data_[eol] == '\n') {
        line_end = eol;
        next_begin = eol + 1;
      } else if (eol + 1 < end_) {
        line_end = eol;
        next_begin = data_[eol + 1] == '\n' ? eol + 2 : eol + 1;  // CRLF, or a lone CR
      } else if (eof_) {
        line_end = eol;
        next_begin = eol + 1;
      }
      // else: CR is the last buffered byte; an LF may follow in the next read.
    } else if (eof_) {
      if (begin_ == end_) return false;
      line_end = end_;  // the last line has no terminator
      next_begin = end_;
    }
    if (line_end == npos && end_ - begin_ > max_length) {
      stop_at_limit(line_no_ + 1);  // the buffer would grow as long as the line goes on
      return false;
    }
    if (line_end != npos && line_end - begin_ > max_length) {
      stop_at_limit(line_no_ + 1);
      return false;
    }
    if (line_end == npos) {
      scanned = (eol != npos ? eol : end_) - begin_;  // a CR last: looked at again with what follows
      fill();                                         // at the end of input eof_ is set and the next round decides
      continue;
    }
    last_begin_ = begin_;
    if (last_begin_ >= prepared_) look_ahead();  // in place: once a megabyte
    std::string_view raw{data_ + begin_, line_end - begin_};
    begin_ = next_begin;
    ++line_no_;
    line_dash_ = dash != 0;
    line = odd ? clean(raw) : raw;
    return true;
  }
}

std::string line_reader::limit_message(std::size_t line) {
  return fmt::format(
      "line {}: a line or block of lines over {} MiB: reading stopped (vtt reads subtitle files, whose "
      "lines are short)",
      line, max_length >> 20);
}

void line_reader::stop_at_limit(std::size_t line) {
  error_ = limit_message(line);
  limit_line_ = line;
  eof_ = true;
  begin_ = end_;
  mask_block_ = npos;
}

void line_reader::unget() noexcept {
  begin_ = last_begin_;
  --line_no_;
}

std::string_view line_reader::clean(std::string_view raw) {
  if (decoding_ != text_decoding::utf8) [[unlikely]] {
    if (decoding_ == text_decoding::undecided) decide(raw);
    if (decoding_ == text_decoding::windows_1252) return from_windows_1252(raw);
  }
  if (!needs_repair(raw)) return raw;
  // Rare path: the line rebuilt with U+FFFD for each NUL and each maximal invalid subpart.
  const bool report = line_no_ > reported_upto_;
  if (report) reported_upto_ = line_no_;
  repaired_.clear();
  append_repaired(repaired_, raw, [&](repair_kind kind, std::size_t column) {
    if (report) report_repair(kind == repair_kind::nul, column);
  });
  return repaired_;
}

void line_reader::decide(std::string_view raw) noexcept {
  const auto at = std::find_if(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (at == raw.end()) return;  // only NUL made the line odd: still ASCII
  std::size_t invalid = 0;
  const auto lead = static_cast<unsigned char>(*at);
  if (sequence_length(raw, static_cast<std::size_t>(at - raw.begin()), invalid) > 0 ||
      windows_1252_code_point(lead) == 0) {
    decoding_ = text_decoding::utf8;
    return;
  }
  decoding_ = text_decoding::windows_1252;
  encoding_ = {"windows-1252", input_encoding::reason::guessed, line_no_};
}

std::string_view line_reader::from_windows_1252(std::string_view raw) {
  const bool report = line_no_ > reported_upto_;
  if (report) reported_upto_ = line_no_;
  repaired_.clear();
  std::size_t column = 0;
  for (const char c : raw) {
    ++column;
    const auto b = static_cast<unsigned char>(c);
    if (b != 0 && b < 0x80) {
      repaired_ += c;
      continue;
    }
    if (const char32_t cp = b ? windows_1252_code_point(b) : 0) {
      append_code_point(repaired_, cp);
      continue;
    }
    repaired_ += replacement_character;
    if (report) report_repair(b == 0, column);
  }
  return repaired_;
}

void line_reader::report_repair(bool nul, std::size_t column) {
  ++errors_;
  if (!sink_) return;
  if (nul) {
    (*sink_)({rule::nul_character, line_no_, column, "NUL character, replaced by U+FFFD"});
    return;
  }
  std::string message = "invalid UTF-8, replaced by U+FFFD";
  if (decoding_ == text_decoding::windows_1252) message = "byte not defined in Windows-1252, replaced by U+FFFD";
  else if (transcoder_) message = "invalid " + encoding_.name + ", replaced by U+FFFD";
  (*sink_)({rule::invalid_utf8, line_no_, column, std::move(message)});
}

}  // namespace vttkit::detail
