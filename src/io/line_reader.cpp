// Stage 1, bytes to lines (see line_reader.hpp).
#include "io/line_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include "text/scan.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

constexpr std::size_t first_chunk = std::size_t{1} << 16;   // small files need no more
constexpr std::size_t max_chunk = std::size_t{1} << 20;     // large files read 1 MiB at a time
constexpr std::size_t release_step = std::size_t{4} << 20;  // read in place: memory given back 4 MiB at a time
constexpr std::size_t prepare_step = std::size_t{1} << 20;  // and mapped ahead 1 MiB at a time
constexpr std::size_t npos = static_cast<std::size_t>(-1);
}  // namespace

line_reader::line_reader(byte_source& source, const diagnostic_sink* sink)
    : source_(&source), sink_(sink && *sink ? sink : nullptr), data_(nullptr) {}

line_reader::line_reader(std::string_view bytes, const diagnostic_sink* sink)
    : source_(nullptr),
      sink_(sink && *sink ? sink : nullptr),
      data_(bytes.data()),
      capacity_(bytes.size()),
      end_(bytes.size()),
      eof_(true),
      bom_checked_(true),
      consumed_(bytes.size()) {}

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
  if (last_begin_ - released_ >= release_step) {
    source_->release(data_ + last_begin_);  // the lines before this one are done with
    released_ = last_begin_;
  }
  prepared_ = std::min(end_, last_begin_ + prepare_step);
  source_->prepare(data_ + prepared_);  // the next stretch: its pages mapped at once
}

void line_reader::skip_bom() {
  if (bom_checked_) return;
  while (end_ - begin_ < 3 && fill()) {
  }
  if (end_ - begin_ >= 3 && std::memcmp(data_ + begin_, "\xEF\xBB\xBF", 3) == 0) begin_ += 3;
  bom_checked_ = true;
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
    for (std::size_t pos = begin_ + scanned; pos < end_;) {
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

void line_reader::unget() noexcept {
  begin_ = last_begin_;
  --line_no_;
}

std::string_view line_reader::clean(std::string_view raw) {
  if (!needs_repair(raw)) return raw;
  // Rare path: the line rebuilt with U+FFFD for each NUL and each maximal invalid subpart.
  const bool report = line_no_ > reported_upto_;
  if (report) reported_upto_ = line_no_;
  repaired_.clear();
  append_repaired(repaired_, raw, [&](repair_kind kind, std::size_t column) {
    if (!report) return;
    ++errors_;
    if (!sink_) return;
    if (kind == repair_kind::nul)
      (*sink_)({rule::nul_character, line_no_, column, "NUL character, replaced by U+FFFD"});
    else (*sink_)({rule::invalid_utf8, line_no_, column, "invalid UTF-8, replaced by U+FFFD"});
  });
  return repaired_;
}

}  // namespace vttkit::detail
