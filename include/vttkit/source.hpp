// Byte sources: where a reader gets its input (a file descriptor, a std::istream, memory).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace vttkit {

/// A source of bytes read front to back. Errors are values: `read` returns -1 and `error()`
/// says why.
class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Reads up to `size` bytes into `data`; returns how many, 0 at the end, -1 on error.
  virtual std::ptrdiff_t read(char* data, std::size_t size) = 0;
  /// What went wrong after `read` returned -1.
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

  /// Sources whose remaining bytes are already in memory (memory_source, mapped_file_source)
  /// hand them all out as one view instead of copying them through `read`; the view stays
  /// valid while the source lives and the bytes count as read. Returns false, consuming
  /// nothing, for sources that can only copy (the default).
  virtual bool view_rest(std::string_view& rest) {
    (void)rest;
    return false;
  }
  /// The reader is done with the bytes of that view before `upto`: a mapped file gives their
  /// memory back (the reader's memory then stays bounded however large the file). Optional.
  virtual void release(const char* upto) noexcept { (void)upto; }
  /// How far readers of a view let their done-with bytes run before calling `release`: the
  /// input's share of a reader's memory (a few hundred calls per 100 MB, too few to cost).
  static constexpr std::size_t release_step = std::size_t{1} << 20;
  /// The reader is about to read the bytes of that view up to `upto`: a mapped file maps
  /// their pages ahead in one call instead of one page fault at a time. Optional.
  virtual void prepare(const char* upto) noexcept { (void)upto; }

 protected:
  std::string error_;
};

/// The text encoding an input is read in, and why (docs/parser.md, "Input encodings"). The
/// parsers read UTF-8; other encodings are converted to UTF-8 as the bytes stream in.
struct input_encoding {
  enum class reason : std::uint8_t {
    utf8,             ///< no byte order mark, no name given, no byte outside ASCII or valid UTF-8 first
    byte_order_mark,  ///< a UTF-8, UTF-16 or UTF-32 byte order mark
    named,            ///< the name given (parse_options::encoding, `--encoding`)
    guessed,          ///< not UTF-8 at its first byte outside ASCII: read as Windows-1252
  };
  std::string name = "UTF-8";  ///< "UTF-8", "UTF-16LE", "UTF-32BE", "windows-1252", or the name given
  reason why = reason::utf8;
  std::size_t line = 0;  ///< guessed: the line of the first byte outside ASCII
};

/// Whether `name` is an encoding inputs can be read in: "UTF-8" or a name iconv knows
/// (`iconv -l`), case ignored.
[[nodiscard]] bool known_encoding(std::string_view name);

/// Reads a POSIX file descriptor (a file, a pipe, standard input). Does not close it.
class fd_source final : public byte_source {
 public:
  explicit fd_source(int fd) noexcept : fd_(fd) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;

 private:
  int fd_;
};

/// Reads a std::istream.
class stream_source final : public byte_source {
 public:
  explicit stream_source(std::istream& in) noexcept : in_(in) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;

 private:
  std::istream& in_;
};

/// Reads bytes already in memory (not copied: they must outlive the source).
class memory_source final : public byte_source {
 public:
  explicit memory_source(std::string_view bytes) noexcept : bytes_(bytes) {}
  std::ptrdiff_t read(char* data, std::size_t size) override;
  bool view_rest(std::string_view& rest) override;

 private:
  std::string_view bytes_;
};

/// A regular file read in place: mapped into memory, so the parsers read it without copying
/// (`view_rest`), and the pages already parsed are given back as reading goes on. Anything
/// that cannot be mapped (a pipe, a terminal, an empty file) or is smaller than `min_size`
/// is read like fd_source.
///
/// The file is read as it is when mapped (a file still growing is read up to that size).
/// As with any mapped file, a file that another process truncates while it is being read
/// makes the pages past its new end unreadable: the process gets SIGBUS. The vtt program
/// turns that into a message and a clean exit; a library user who reads files that may
/// shrink should handle SIGBUS or use fd_source.
class mapped_file_source final : public byte_source {
 public:
  /// Files smaller than this are read with read(2): mapping them costs more than copying.
  static constexpr std::size_t min_size = std::size_t{1} << 20;

  /// Maps the file open on `fd` (which is not closed, and may be closed after this call).
  explicit mapped_file_source(int fd) noexcept;
  mapped_file_source(const mapped_file_source&) = delete;
  mapped_file_source& operator=(const mapped_file_source&) = delete;
  ~mapped_file_source() override;

  std::ptrdiff_t read(char* data, std::size_t size) override;
  bool view_rest(std::string_view& rest) override;
  void release(const char* upto) noexcept override;
  void prepare(const char* upto) noexcept override;
  /// Whether the file is mapped (else it is read with read(2)).
  [[nodiscard]] bool mapped() const noexcept { return map_ != nullptr; }

 private:
  void populate(std::size_t upto) noexcept;
  static constexpr std::size_t populate_step = std::size_t{2} << 20;  // pages mapped ahead per call

  int fd_;
  char* map_ = nullptr;
  std::size_t size_ = 0;
  std::size_t position_ = 0;   // bytes handed out
  std::size_t released_ = 0;   // bytes given back
  std::size_t populated_ = 0;  // bytes mapped ahead (page tables filled in one call)
};

}  // namespace vttkit
