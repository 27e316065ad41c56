// Input in another encoding than UTF-8, converted to UTF-8 with iconv a chunk at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <vttkit/source.hpp>

namespace vttkit::detail {

/// Whether `name` means UTF-8 ("UTF-8", "utf8", case ignored).
[[nodiscard]] bool is_utf8_name(std::string_view name) noexcept;

/// A byte source that reads another one in encoding `from` and hands out UTF-8. A byte
/// sequence that is not valid in `from` comes out as one byte 0xFF per code unit, which is
/// never UTF-8: the line reader replaces it by U+FFFD and reports it (E005) at its line and
/// column. Memory: two buffers of 64 KiB.
class transcoding_source final : public byte_source {
 public:
  /// `pending`: bytes already read from `more` (copied); `more` then continues the input.
  transcoding_source(std::string_view pending, byte_source& more);
  /// The input is `in_place`, in memory that outlives the source (a mapped file's rest):
  /// read without copying, and given back to `owner` (byte_source::release) as it is read.
  transcoding_source(std::string_view in_place, byte_source* owner);
  transcoding_source(const transcoding_source&) = delete;
  transcoding_source& operator=(const transcoding_source&) = delete;
  ~transcoding_source() override;

  /// Starts the conversion from `from`; false (with `error()` set) when iconv does not know it.
  bool open(const std::string& from);
  std::ptrdiff_t read(char* data, std::size_t size) override;
  /// Input bytes converted so far.
  [[nodiscard]] std::size_t converted() const noexcept { return converted_; }

 private:
  bool refill();
  void convert();

  byte_source* more_ = nullptr;   // the rest of the input, when not in place
  byte_source* owner_ = nullptr;  // in place: where memory read is given back
  std::string_view view_;         // in place: the input not yet converted
  std::unique_ptr<char[]> in_;    // not in place: the input buffer
  std::size_t in_capacity_ = 0;
  std::size_t in_begin_ = 0, in_end_ = 0;
  std::unique_ptr<char[]> out_;  // converted bytes not yet handed out
  std::size_t out_begin_ = 0, out_end_ = 0;
  void* cd_ = nullptr;  // iconv_t
  std::size_t unit_ = 1;
  std::size_t converted_ = 0;
  std::size_t released_ = 0;
  bool more_done_ = false;
  bool failed_ = false;
};

}  // namespace vttkit::detail
