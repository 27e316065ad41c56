// Input in another encoding, converted to UTF-8 (see transcoder.hpp).
#include "io/transcoder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <iconv.h>

#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

constexpr std::size_t buffer_size = std::size_t{1} << 16;
constexpr std::size_t marker_room = 8;   // out_ always has room for the invalid-input marker
constexpr char invalid_marker = '\xFF';  // never UTF-8: the line reader reports it
const auto no_conversion = reinterpret_cast<iconv_t>(-1);

/// Bytes per code unit: what an invalid sequence skips.
std::size_t code_unit(std::string_view name) noexcept {
  auto starts = [&name](std::string_view p) { return istarts_with(name, p); };
  if (starts("UTF-16") || starts("UTF16") || starts("UCS-2") || starts("UCS2") || starts("UNICODE")) return 2;
  if (starts("UTF-32") || starts("UTF32") || starts("UCS-4") || starts("UCS4")) return 4;
  return 1;
}

}  // namespace

bool is_utf8_name(std::string_view name) noexcept { return iequals(name, "UTF-8") || iequals(name, "UTF8"); }

transcoding_source::transcoding_source(std::string_view pending, byte_source& more)
    : more_(&more),
      in_(new char[buffer_size + pending.size()]),
      in_capacity_(buffer_size + pending.size()),
      out_(new char[buffer_size]) {
  std::memcpy(in_.get(), pending.data(), pending.size());
  in_end_ = pending.size();
}

transcoding_source::transcoding_source(std::string_view in_place, byte_source* owner)
    : owner_(owner), view_(in_place), out_(new char[buffer_size]) {}

transcoding_source::~transcoding_source() {
  if (cd_) ::iconv_close(static_cast<iconv_t>(cd_));
}

bool transcoding_source::open(const std::string& from) {
  const iconv_t cd = ::iconv_open("UTF-8", from.c_str());
  if (cd == no_conversion) {
    error_ = "unknown encoding '" + from + "'";
    return false;
  }
  cd_ = cd;
  unit_ = code_unit(from);
  return true;
}

bool transcoding_source::refill() {
  if (!in_ || more_done_) return false;  // in place: all the input is in view_ already
  std::memmove(in_.get(), in_.get() + in_begin_, in_end_ - in_begin_);
  in_end_ -= in_begin_;
  in_begin_ = 0;
  const auto n = more_->read(in_.get() + in_end_, in_capacity_ - in_end_);
  if (n <= 0) {
    more_done_ = true;
    if (n < 0) {
      error_ = more_->error();
      failed_ = true;
    }
    return false;
  }
  in_end_ += static_cast<std::size_t>(n);
  return true;
}

void transcoding_source::convert() {
  out_begin_ = out_end_ = 0;
  const auto cd = static_cast<iconv_t>(cd_);
  for (;;) {
    std::string_view in = in_ ? std::string_view{in_.get() + in_begin_, in_end_ - in_begin_} : view_;
    if (in.empty()) {
      if (refill()) continue;
      char* out = out_.get();
      std::size_t room = buffer_size - marker_room;
      ::iconv(cd, nullptr, nullptr, &out, &room);  // the closing bytes of a stateful encoding
      out_end_ = static_cast<std::size_t>(out - out_.get());
      more_done_ = true;
      return;
    }
    char* from = const_cast<char*>(in.data());  // iconv's signature; it does not write there
    std::size_t left = in.size();
    char* out = out_.get() + out_end_;
    std::size_t room = buffer_size - marker_room - out_end_;
    const auto done = ::iconv(cd, &from, &left, &out, &room);
    const int why = errno;
    out_end_ = static_cast<std::size_t>(out - out_.get());
    std::size_t used = in.size() - left;
    if (done == static_cast<std::size_t>(-1) && why != E2BIG) {
      // EILSEQ, or EINVAL (a sequence cut short): cut short only at the end of the input.
      if (why == EINVAL && !more_done_ && in_) {
        in_begin_ += used;
        converted_ += used;
        if (refill()) continue;
        used = 0;
        in = {in_.get() + in_begin_, in_end_ - in_begin_};
        left = in.size();
      }
      out_[out_end_++] = invalid_marker;
      used += std::min(why == EILSEQ ? unit_ : left, left);
    }
    converted_ += used;
    if (in_) in_begin_ += used;
    else view_.remove_prefix(used);
    if (owner_ && converted_ - released_ >= byte_source::release_step) {
      owner_->release(view_.data());
      released_ = converted_;
    }
    if (out_end_ > 0) return;
  }
}

std::ptrdiff_t transcoding_source::read(char* data, std::size_t size) {
  while (out_begin_ == out_end_) {
    if (failed_) return -1;
    if (more_done_ && (in_ ? in_begin_ == in_end_ : view_.empty())) return 0;
    convert();
  }
  const auto n = std::min(size, out_end_ - out_begin_);
  std::memcpy(data, out_.get() + out_begin_, n);
  out_begin_ += n;
  return static_cast<std::ptrdiff_t>(n);
}

}  // namespace vttkit::detail

namespace vttkit {

bool known_encoding(std::string_view name) {
  if (detail::is_utf8_name(name)) return true;
  if (name.empty() || name.find('/') != std::string_view::npos) return false;  // no iconv suffixes (//IGNORE)
  const iconv_t cd = ::iconv_open("UTF-8", std::string(name).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  ::iconv_close(cd);
  return true;
}

}  // namespace vttkit
