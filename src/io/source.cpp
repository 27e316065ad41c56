// Byte sources: file descriptors, streams and memory.
#include <vttkit/source.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vttkit {
namespace {

/// read(2), again after a signal; -1 with `error` set on failure.
std::ptrdiff_t read_fd(int fd, char* data, std::size_t size, std::string& error) {
  for (;;) {
    const auto n = ::read(fd, data, size);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    error = std::strerror(errno);
    return -1;
  }
}

}  // namespace

std::ptrdiff_t fd_source::read(char* data, std::size_t size) { return read_fd(fd_, data, size, error_); }

std::ptrdiff_t stream_source::read(char* data, std::size_t size) {
  in_.read(data, static_cast<std::streamsize>(size));
  const auto n = in_.gcount();
  if (in_.bad()) {
    error_ = "read error";
    return -1;
  }
  return static_cast<std::ptrdiff_t>(n);
}

std::ptrdiff_t memory_source::read(char* data, std::size_t size) {
  const auto n = std::min(size, bytes_.size());
  if (n > 0) std::memcpy(data, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return static_cast<std::ptrdiff_t>(n);
}

bool memory_source::view_rest(std::string_view& rest) {
  rest = bytes_;
  bytes_ = {};
  return true;
}

mapped_file_source::mapped_file_source(int fd) noexcept : fd_(fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return;
  const auto size = static_cast<std::size_t>(st.st_size);
  // Small files are read: a mapping (and its unmapping, which interrupts the program's other
  // threads) costs more than copying them once.
  if (size < mapped_file_source::min_size) return;
  // A file the caller has partly read already is read on from its current position.
  const auto at = ::lseek(fd, 0, SEEK_CUR);
  if (at < 0 || static_cast<std::size_t>(at) >= size) return;
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return;
  ::madvise(p, size, MADV_SEQUENTIAL);  // read ahead generously when the file is not cached
  map_ = static_cast<char*>(p);
  size_ = size;
  position_ = released_ = populated_ = static_cast<std::size_t>(at);
}

mapped_file_source::~mapped_file_source() {
  if (map_) ::munmap(map_, size_);
}

std::ptrdiff_t mapped_file_source::read(char* data, std::size_t size) {
  if (!map_) return read_fd(fd_, data, size, error_);
  const auto n = std::min(size, size_ - position_);
  if (n > 0) std::memcpy(data, map_ + position_, n);
  position_ += n;
  // Copied out: the pages behind can go (a step at a time, as the parsers give them back).
  if (position_ - released_ >= release_step) release(map_ + position_);
  return static_cast<std::ptrdiff_t>(n);
}

bool mapped_file_source::view_rest(std::string_view& rest) {
  if (!map_) return false;
  rest = {map_ + position_, size_ - position_};
  position_ = size_;
  // All of it is handed out: the file's offset moves to its end, as reading it all would.
  ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET);
  return true;
}

void mapped_file_source::prepare(const char* upto) noexcept {
  if (!map_ || upto < map_ || upto > map_ + size_) return;
  const auto at = static_cast<std::size_t>(upto - map_);
  if (at + populate_step / 2 > populated_) populate(at + populate_step);
}

void mapped_file_source::populate(std::size_t upto) noexcept {
#if defined(MADV_POPULATE_READ)
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const auto from = std::max(populated_, released_) / page * page;
  upto = std::min(upto, size_);
  if (upto <= from) return;
  // One call maps the pages that faults would map a few at a time (kernels before 5.14
  // refuse it; the faults then happen as before).
  ::madvise(map_ + from, upto - from, MADV_POPULATE_READ);
  populated_ = upto;
#else
  (void)upto;
#endif
}

void mapped_file_source::release(const char* upto) noexcept {
  if (!map_ || upto < map_ || upto > map_ + size_) return;
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const auto end = static_cast<std::size_t>(upto - map_) / page * page;
  const auto begin = released_ / page * page;
  if (end <= begin) return;
  // The pages stay in the page cache; only this process's mapping of them goes.
  ::madvise(map_ + begin, end - begin, MADV_DONTNEED);
  released_ = end;
}

}  // namespace vttkit
